import "server-only";
import { pool } from "../db/client";
import { CLAIM_TEXT, INSERT_PASSAGES, SELECT_UNREAD, SET_TEXT_STATE, selectChunk } from "../db/queries/attachment-queries";
import { env } from "../env";
import { attachmentType } from "./attachment-type";
import { schedulePassageEmbedding } from "./embed-passages";
import { type ExtractLimits, textExtractor } from "./extract/text-extractor";
import { hasTextLayer, splitPassages } from "./passages";

/** What one document may give: pages, characters (about 500 pages of prose), and for a DOCX what it unpacks to and its parts. */
export const EXTRACT_LIMITS: ExtractLimits = { maxPages: 2_000, maxChars: 2_000_000, maxUnzippedBytes: 52_428_800, maxEntries: 2_000 };
/** Passages written per statement. */
const PASSAGE_BATCH = 500;

/** The kind the extractor reads a stored type as; null for an image, which has no text to read. */
function textKind(mediaType: string): "pdf" | "docx" | "text" | null {
  const type = attachmentType(mediaType, mediaType.startsWith("text/") || mediaType === "application/json", "");
  return type?.kind === "image" || !type ? null : type.kind;
}

/**
 * Reads the text of stored file `contentId` into passages, once (the instance that claims it first):
 * in the extractor's thread, within ATTACHMENT_EXTRACT_TIMEOUT_MS and EXTRACT_LIMITS. Its state says
 * how it went: read, none (an image), scanned (a PDF without a text layer) or failed.
 */
export async function readAttachmentText(contentId: string): Promise<void> {
  const { rows } = await pool().query<{ mediaType: string; size: number; conversationId: string }>({
    name: "claim_attachment_text",
    text: CLAIM_TEXT,
    values: [contentId],
  });
  const claimed = rows[0];
  if (!claimed) return;
  const kind = textKind(claimed.mediaType);
  const setState = (state: string, pages: number | null = null) =>
    pool().query({ name: "set_attachment_text_state", text: SET_TEXT_STATE, values: [contentId, state, pages] });
  if (!kind) return void (await setState("none"));
  try {
    // The extractor needs the whole file (a PDF's directory is at its end): at most ATTACHMENT_MAX_BYTES, one document at a time.
    const bytes = new Uint8Array(claimed.size);
    let filled = 0;
    for (let index = 0; filled < claimed.size; index++) {
      const chunk = await selectChunk(contentId, index);
      if (!chunk) break;
      bytes.set(chunk.subarray(0, claimed.size - filled), filled);
      filled += chunk.length;
    }
    const read = await textExtractor().extract(kind, bytes, EXTRACT_LIMITS, env().ATTACHMENT_EXTRACT_TIMEOUT_MS);
    if (kind === "pdf" && !hasTextLayer(read.pages)) return void (await setState("scanned", read.pageCount ?? null));
    const passages = splitPassages(read.pages);
    for (let from = 0; from < passages.length; from += PASSAGE_BATCH) {
      const batch = passages.slice(from, from + PASSAGE_BATCH);
      await pool().query({
        name: "insert_attachment_passages",
        text: INSERT_PASSAGES,
        values: [claimed.conversationId, contentId, batch.map((p) => p.ordinal), batch.map((p) => p.page), batch.map((p) => p.text)],
      });
    }
    await setState("read", read.pageCount ?? null);
    // Found by meaning too, once the embedding model has read it (off every request's path).
    void schedulePassageEmbedding(contentId);
  } catch (error) {
    console.warn(`[attachments] Could not read the text of ${contentId}: ${error instanceof Error ? error.message : String(error)}`);
    await setState("failed").catch(() => undefined);
  }
}

let queue: Promise<void> = Promise.resolve();

/** Reads the file's text after the response, behind those already waiting on this instance. */
export function scheduleTextReading(contentId: string): Promise<void> {
  queue = queue.then(() => readAttachmentText(contentId)).catch(() => undefined);
  return queue;
}

/** Files an instance stopped before reading are read by the next sweep (sweep-temporary.ts). */
export async function readUnreadAttachments(limit = 20): Promise<void> {
  const { rows } = await pool().query<{ id: string }>({ name: "select_unread_attachments", text: SELECT_UNREAD, values: [limit] });
  for (const { id } of rows) await scheduleTextReading(id);
}
