import "server-only";
import { holdUpload } from "../conversations/import/import-uploads";
import { selectClientStored } from "../db/queries/attachment-queries";
import { isDeletedConversation } from "../db/queries/conversation-queries";
import { env } from "../env";
import { AppError } from "../errors";
import { enforceUploadLimits, requestClient } from "../limits/enforce-limits";
import { safeFileName } from "./file-name";
import { receiveAttachment } from "./receive-attachment";

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
  const release = holdUpload(client, 0, { instanceMaxBytes: Number.POSITIVE_INFINITY, networkMaxBytes: Number.POSITIVE_INFINITY });
  try {
    await enforceUploadLimits(client, expectedBytes);
    const quota = config.ATTACHMENT_STORAGE_PER_CLIENT_BYTES;
    if (quota > 0 && (await selectClientStored(client)) + expectedBytes > quota) {
      throw new AppError(
        "STORAGE_QUOTA_REACHED",
        `Your files here would pass the storage limit of ${megabytes(quota)}. Delete a conversation with files to make room.`,
      );
    }
    const attachment = await receiveAttachment(request, {
      conversationId: id,
      name,
      client,
      maxBytes: config.ATTACHMENT_MAX_BYTES,
      expectedBytes,
      minBytesPerSecond: config.IMPORT_MIN_BYTES_PER_SECOND,
    });
    return Response.json(attachment, { status: 201 });
  } finally {
    release();
  }
}
