import { serveAttachment } from "@/lib/attachments/serve-attachment";
import { deleteUnsent } from "@/lib/db/queries/attachment-queries";
import { attachmentRoute } from "@/lib/http/conversation-route";

/** The file, streamed a chunk at a time, with headers that never let it run as a page (lib/attachments/serve-attachment.ts). */
export const GET = attachmentRoute(serveAttachment);

/** Removes a file uploaded but not yet sent (its chip's remove button); a sent one stays with its message. */
export const DELETE = attachmentRoute(async (id, attachmentId) => {
  await deleteUnsent(attachmentId, id);
  return new Response(null, { status: 204 });
});
