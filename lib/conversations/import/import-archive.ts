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
import type { ImportedConversation } from "./imported-conversation";
import { parseJsonInSteps } from "./json-in-steps";
import { JsonScanner } from "./json-scanner";
import { parseImportInSteps } from "./parse-import";

/** The JSON a zip export holds, beside its files. */
export const ARCHIVE_JSON = "conversation.json";
/** Entries a zip may hold, and files its conversations may name in all: a long conversation's files, with room to spare. */
export const MAX_ARCHIVE_FILES = 5_000;
/**
 * What one entry of the directory may carry besides its name: the reader makes an object of each
 * extra field, so a directory of entries packed with empty ones would take gigabytes; real ones hold
 * a few (ZIP64 sizes, a Unicode name, times).
 */
const MAX_ENTRY_EXTRA_BYTES = 1_024;
const MAX_ENTRY_NAME_BYTES = 1_024;

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

async function* entryChunks(stream: Readable): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) yield chunk as Buffer;
}

/** The zip's entries an export holds (its JSON and files/), by name; anything else in it is never read. */
async function readDirectory(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > MAX_ARCHIVE_FILES) throw new AppError("IMPORT_TOO_LARGE", `The zip holds more than ${MAX_ARCHIVE_FILES} files.`);
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.extraFieldLength + entry.fileCommentLength > MAX_ENTRY_EXTRA_BYTES || entry.fileNameLength > MAX_ENTRY_NAME_BYTES)
        throw new AppError(
          "INVALID_IMPORT",
          "That zip's list of files carries more than names and sizes: it is not an export of this app.",
        );
      if (entry.fileName === ARCHIVE_JSON || entry.fileName.startsWith("files/")) entries.set(entry.fileName, entry);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("INVALID_IMPORT", "That zip is damaged: its list of files cannot be read.");
  }
  return entries;
}

/** The zip's JSON, read and checked as a JSON import's body is, then parsed in steps. */
async function readJson(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, pause: () => Promise<void>): Promise<unknown> {
  const config = env();
  const json = entries.get(ARCHIVE_JSON);
  if (!json) throw new AppError("INVALID_IMPORT", `The zip holds no ${ARCHIVE_JSON}: it is not an export of this app.`);
  if (json.uncompressedSize > config.IMPORT_MAX_BYTES) throw payloadTooLarge(config.IMPORT_MAX_BYTES);
  const scanner = new JsonScanner(importJsonBounds(config));
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // Inflated to no more than it declares: a bomb fails here.
    for await (const chunk of entryChunks(await zip.openReadStreamPromise(json))) {
      scanner.scan(chunk);
      chunks.push(chunk);
      size += chunk.byteLength;
      await pause();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "INVALID_IMPORT",
      `The zip's ${ARCHIVE_JSON} cannot be read: it is damaged, encrypted or packed in a way this app does not read.`,
    );
  }
  return parseJsonInSteps(Buffer.concat(chunks, size), scanner.finish(), pause);
}

/**
 * Every file the conversations name is in the zip and within the attachment limits, and the client's
 * quota and hourly upload megabytes allow them all, before anything is stored. Each file named counts
 * as an upload of its own (at least a megabyte, as when sent one by one), however often it is named.
 */
async function checkFiles(conversations: ImportedConversation[], entries: Map<string, yauzl.Entry>, client: string): Promise<void> {
  const config = env();
  let total = 0;
  let charged = 0;
  let named = 0;
  for (const message of conversations.flatMap((conversation) => conversation.messages)) {
    const files = message.files ?? [];
    if (files.length > config.ATTACHMENTS_PER_MESSAGE)
      throw new AppError(
        "TOO_MANY_ATTACHMENTS",
        `A message of the zip has ${files.length} files; a message can carry at most ${config.ATTACHMENTS_PER_MESSAGE}.`,
      );
    named += files.length;
    if (named > MAX_ARCHIVE_FILES)
      throw new AppError("IMPORT_TOO_LARGE", `The zip's conversations name more than ${MAX_ARCHIVE_FILES} files.`);
    for (const file of files) {
      const entry = entries.get(file.path);
      if (!entry) throw new AppError("INVALID_IMPORT", `The zip does not hold ${file.path}, which ${ARCHIVE_JSON} names.`);
      if (entry.uncompressedSize > config.ATTACHMENT_MAX_BYTES)
        throw new AppError("ATTACHMENT_TOO_LARGE", `${file.name} is larger than the limit of ${megabytes(config.ATTACHMENT_MAX_BYTES)}.`);
      total += entry.uncompressedSize;
      charged += Math.max(1, Math.ceil(entry.uncompressedSize / 1_048_576)) * 1_048_576;
    }
  }
  if (named === 0) return;
  const quota = config.ATTACHMENT_STORAGE_PER_CLIENT_BYTES;
  if (quota > 0 && (await selectClientStored(client)) + total > quota)
    throw new AppError("STORAGE_QUOTA_REACHED", `The zip's files would pass your storage limit of ${megabytes(quota)}.`);
  await enforceUploadLimits(client, charged);
}

/**
 * Imports a zip export of this app (`conversation.json` and the files its messages list, under
 * `files/`): the JSON is checked and parsed as a JSON import's body is, every file it names is checked
 * (checkFiles) before anything is stored, then each conversation is stored with its files (checked by
 * their bytes like any upload, images stripped), read for recall afterwards. Nothing is kept of a
 * conversation whose files could not all be stored. Entries are inflated one at a time, each to no more
 * than it declares (a zip bomb fails), and nothing is ever written under an entry's name.
 */
export async function importArchive(
  file: string,
  { client, memoryId }: { client: string; memoryId: string | null },
  pause: () => Promise<void>,
): Promise<{ conversations: ImportedSummary[]; skipped: { title: string | null }[] }> {
  const zip = await yauzl.openPromise(file, { autoClose: false, strictFileNames: true }).catch(() => {
    throw new AppError("INVALID_IMPORT", "That file is not a zip this app can read.");
  });
  try {
    const entries = await readDirectory(zip);
    const { conversations, skipped } = await parseImportInSteps(await readJson(zip, entries, pause), importLimits(), pause);
    await checkFiles(conversations, entries, client);
    const read = new Set<string>();
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
          read.add(stored.contentId);
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
