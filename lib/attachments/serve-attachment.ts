import "server-only";
import { type AttachmentRow, selectAttachment, selectChunk, selectSharedAttachment } from "../db/queries/attachment-queries";
import { AppError } from "../errors";
import { enforceActionLimits, requestClient } from "../limits/enforce-limits";
import { downloadName, INLINE_IMAGE_TYPES, TEXT_CHARSET } from "./attachment-type";
import { contentDisposition } from "./file-name";

/**
 * The headers of a file served: a download unless it is an image whose bytes are PNG, JPEG, WebP or
 * GIF (and `download` was not asked for); never sniffed into something else; and, if a browser
 * opened it as a page anyway, sandboxed with nothing allowed to load or run.
 */
export function attachmentHeaders(attachment: AttachmentRow, download: boolean): Headers {
  const inline = !download && INLINE_IMAGE_TYPES.has(attachment.mediaType);
  const type =
    attachment.mediaType.startsWith("text/") || attachment.mediaType === "application/json"
      ? `${attachment.mediaType}; charset=${TEXT_CHARSET}`
      : attachment.mediaType;
  return new Headers({
    "Content-Type": type,
    "Content-Length": String(attachment.size),
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", downloadName(attachment.name, attachment.mediaType)),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    // An attachment's bytes never change: the same id is the same file.
    "Cache-Control": "private, max-age=31536000, immutable",
  });
}

/** GET an attachment of conversation `id`. */
export async function serveAttachment(id: string, attachmentId: string, request: Request): Promise<Response> {
  await enforceActionLimits(async () => requestClient(request));
  return attachmentResponse(await selectAttachment(attachmentId, id), request);
}

/** GET an attachment through share link `token`: only a file the link shows, asked again each time (a link can be revoked). */
export async function serveSharedAttachment(token: string, attachmentId: string, request: Request): Promise<Response> {
  await enforceActionLimits(async () => requestClient(request));
  const response = attachmentResponse(await selectSharedAttachment(token, attachmentId), request);
  response.headers.set("Cache-Control", "private, no-cache");
  return response;
}

/** The file's chunks, read one at a time as the client takes them. */
function attachmentResponse(attachment: AttachmentRow | null, request: Request): Response {
  if (!attachment) throw new AppError("ATTACHMENT_NOT_FOUND");
  const download = new URL(request.url).searchParams.has("download");
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await selectChunk(attachment.contentId, index++);
      if (chunk) controller.enqueue(new Uint8Array(chunk));
      else controller.close();
    },
  });
  return new Response(request.method === "HEAD" ? null : body, { headers: attachmentHeaders(attachment, download) });
}
