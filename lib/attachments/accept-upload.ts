import "server-only";
import { holdUpload } from "../conversations/import/import-uploads";
import { selectClientStored } from "../db/queries/attachment-queries";
import { isDeletedConversation } from "../db/queries/conversation-queries";
import { env } from "../env";
import { AppError } from "../errors";
import { enforceUploadLimits, requestClient } from "../limits/enforce-limits";
import { safeFileName } from "./file-name";
import { scheduleTextReading } from "./read-attachment-text";
import { receiveAttachment } from "./receive-attachment";

/** What an upload is counted as against an instance's and a network's uploads in flight: a bit over a small one (import-uploads.ts). */
const UPLOAD_SLOT_BYTES = 1_048_577;
/** Uploads arriving at once on an instance, and from one network. */
const UPLOADS_PER_INSTANCE = 64;
const UPLOADS_PER_NETWORK = 8;

/** A name longer than this is not a file's name. */
const MAX_RAW_NAME_CHARS = 1_000;

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/**
 * An upload to conversation `id`, checked in order of cost before its body is read: its name and
 * declared size, the conversation not deleted, the client's uploads in flight, its megabytes per hour
 * and its storage quota; then stored as it arrives (receive-attachment.ts).
 */
export async function acceptUpload(id: string, request: Request): Promise<Response> {
  const config = env();
  const rawName = new URL(request.url).searchParams.get("name") ?? "";
  if (rawName.length > MAX_RAW_NAME_CHARS) throw new AppError("BAD_REQUEST", "The file's name is too long.");
  const name = safeFileName(rawName);
  const header = request.headers.get("content-length");
  const declared = header !== null && /^\d{1,15}$/.test(header) ? Number(header) : null;
  if (declared !== null && declared > config.ATTACHMENT_MAX_BYTES) {
    throw new AppError(
      "ATTACHMENT_TOO_LARGE",
      `That file is ${megabytes(declared)}: the limit is ${megabytes(config.ATTACHMENT_MAX_BYTES)}.`,
    );
  }
  const expectedBytes = declared ?? config.ATTACHMENT_MAX_BYTES;
  if (await isDeletedConversation(id)) throw new AppError("DELETED");
  const client = requestClient(request);
  // An upload holds a chunk in memory, not the file: what limits an instance is how many arrive at once.
  const release = holdUpload(client, UPLOAD_SLOT_BYTES, {
    instanceMaxBytes: UPLOADS_PER_INSTANCE * UPLOAD_SLOT_BYTES,
    networkMaxBytes: UPLOADS_PER_NETWORK * UPLOAD_SLOT_BYTES,
  });
  try {
    // The quota before the hourly count: a refused upload does not spend the client's hour.
    const quota = config.ATTACHMENT_STORAGE_PER_CLIENT_BYTES;
    if (quota > 0 && (await selectClientStored(client)) + expectedBytes > quota) {
      throw new AppError(
        "STORAGE_QUOTA_REACHED",
        `Your files here would pass the storage limit of ${megabytes(quota)}. Delete a conversation with files to make room.`,
      );
    }
    await enforceUploadLimits(client, expectedBytes);
    const { view, contentId } = await receiveAttachment(request, {
      conversationId: id,
      name,
      client,
      maxBytes: config.ATTACHMENT_MAX_BYTES,
      expectedBytes,
      minBytesPerSecond: config.IMPORT_MIN_BYTES_PER_SECOND,
    });
    // Its text is read after the response, off the request path.
    void scheduleTextReading(contentId);
    return Response.json(view, { status: 201 });
  } finally {
    release();
  }
}
