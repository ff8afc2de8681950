import { AppError } from "../errors";
import { requireJsonContentType } from "./same-origin";

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

export const payloadTooLarge = (maxBytes: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `The request is larger than the limit of ${megabytes(maxBytes)}.`);

/**
 * Reads a JSON body, refusing it (413) before parsing once it exceeds maxBytes. With `optional`, a
 * request with no body or an empty one (whatever its headers say) reads as undefined.
 */
export async function readJsonBody(request: Request, maxBytes: number, { optional = false } = {}): Promise<unknown> {
  requireJsonContentType(request);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw payloadTooLarge(maxBytes);
  if (!request.body) {
    if (optional) return undefined;
    throw new AppError("BAD_REQUEST");
  }

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    // A client that goes away mid-upload is its own failure, not the database's (its reset looks alike).
    const { done, value } = await reader.read().catch(() => {
      throw new AppError("BAD_REQUEST", "The request body did not arrive completely.");
    });
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (optional && size === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
}
