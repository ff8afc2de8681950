import "server-only";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { scheduleTextReading } from "../../attachments/read-attachment-text";
import { storeAttachment } from "../../attachments/receive-attachment";
import { linkAttachments, selectClientStored } from "../../db/queries/attachment-queries";
import { env, importLimits, memoryLimits } from "../../env";
import { AppError } from "../../errors";
import { payloadTooLarge } from "../../http/read-json";
import { enforceUploadLimits } from "../../limits/enforce-limits";
import { type AttachImportedFiles, type ImportedSummary, importConversations } from "./import-conversations";
import { importJsonBounds } from "./import-json-bounds";
import { parseJsonInSteps } from "./json-in-steps";
import { JsonScanner } from "./json-scanner";
import { parseImportInSteps } from "./parse-import";

/** The JSON a zip export holds, beside its files. */
export const ARCHIVE_JSON = "conversation.json";
/** Entries a zip may hold: a conversation's files, with room to spare; its directory is read whole. */
const MAX_ENTRIES = 20_000;

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

async function* entryChunks(stream: Readable): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) yield chunk as Buffer;
}

/**
 * Imports a zip export of this app (`conversation.json` and the files its messages list, under
 * `files/`): the JSON is checked and parsed as a JSON import's body is, every file it names is checked
 * against the attachment limits (size, files a message, the client's storage quota and hourly upload
 * megabytes) before anything is stored, then each conversation is stored with its files (checked by
 * their bytes like any upload, images stripped), read for recall afterwards. Nothing is kept of a
 * conversation whose files could not all be stored. Entries are inflated one at a time, each to no more
 * than it declares (a zip bomb fails), and nothing outside the zip's own entries is ever written.
 */
export async function importArchive(
  file: string,
  { client, memoryId }: { client: string; memoryId: string | null },
  pause: () => Promise<void>,
): Promise<{ conversations: ImportedSummary[]; skipped: { title: string | null }[] }> {
  const config = env();
  const zip = await yauzl.openPromise(file, { autoClose: false, strictFileNames: true }).catch(() => {
    throw new AppError("INVALID_IMPORT", "That file is not a zip this app can read.");
  });
  try {
    const entries = new Map<string, yauzl.Entry>();
    let count = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        if (++count > MAX_ENTRIES) throw new AppError("IMPORT_TOO_LARGE", `The zip holds more than ${MAX_ENTRIES} files.`);
        entries.set(entry.fileName, entry);
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("INVALID_IMPORT", "That zip is damaged: its list of files cannot be read.");
    }
    const json = entries.get(ARCHIVE_JSON);
    if (!json) throw new AppError("INVALID_IMPORT", `The zip holds no ${ARCHIVE_JSON}: it is not an export of this app.`);
    if (json.uncompressedSize > config.IMPORT_MAX_BYTES) throw payloadTooLarge(config.IMPORT_MAX_BYTES);

    // The JSON, read and checked as a JSON import's body is.
    const scanner = new JsonScanner(importJsonBounds(config));
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of entryChunks(await zip.openReadStreamPromise(json))) {
      scanner.scan(chunk);
      chunks.push(chunk);
      size += chunk.byteLength;
      await pause();
    }
    const body = await parseJsonInSteps(Buffer.concat(chunks, size), scanner.finish(), pause);
    const { conversations, skipped } = await parseImportInSteps(body, importLimits(), pause);

    // Every file named is there and within the limits, before anything is stored.
    let total = 0;
    for (const conversation of conversations) {
      for (const message of conversation.messages) {
        const files = message.files ?? [];
        if (files.length > config.ATTACHMENTS_PER_MESSAGE)
          throw new AppError(
            "TOO_MANY_ATTACHMENTS",
            `A message of the zip has ${files.length} files; a message can carry at most ${config.ATTACHMENTS_PER_MESSAGE}.`,
          );
        for (const named of files) {
          const entry = entries.get(named.path);
          if (!entry) throw new AppError("INVALID_IMPORT", `The zip does not hold ${named.path}, which ${ARCHIVE_JSON} names.`);
          if (entry.uncompressedSize > config.ATTACHMENT_MAX_BYTES)
            throw new AppError(
              "ATTACHMENT_TOO_LARGE",
              `${named.name} is larger than the limit of ${megabytes(config.ATTACHMENT_MAX_BYTES)}.`,
            );
          total += entry.uncompressedSize;
        }
      }
    }
    if (total > 0) {
      const quota = config.ATTACHMENT_STORAGE_PER_CLIENT_BYTES;
      if (quota > 0 && (await selectClientStored(client)) + total > quota)
        throw new AppError("STORAGE_QUOTA_REACHED", `The zip's files would pass your storage limit of ${megabytes(quota)}.`);
      await enforceUploadLimits(client, total);
    }

    const read: string[] = [];
    const attachFiles: AttachImportedFiles = async (conversationId, messages) => {
      for (const message of messages) {
        const ids: string[] = [];
        for (const named of message.files) {
          const entry = entries.get(named.path) as yauzl.Entry;
          const stored = await storeAttachment(entryChunks(await zip.openReadStreamPromise(entry)), {
            conversationId,
            name: named.name,
            client,
          }).catch((error: unknown) => {
            if (error instanceof AppError) throw new AppError(error.code, `${named.name}: ${error.message}`);
            throw new AppError("INVALID_IMPORT", `${named.name} could not be read from the zip.`);
          });
          ids.push(stored.view.id);
          read.push(stored.contentId);
        }
        await linkAttachments(conversationId, ids, message.id);
      }
    };
    const imported = await importConversations(conversations, memoryLimits(), memoryId, attachFiles);
    // Their text is read after the response, off the request path, as an upload's is.
    for (const contentId of read) void scheduleTextReading(contentId);
    return { conversations: imported, skipped: skipped.map((title) => ({ title })) };
  } finally {
    zip.close();
  }
}
