import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { imageSize } from "image-size";
import { pool } from "../db/client";
import { isUniqueViolation } from "../db/pg-errors";
import {
  CHUNK_BYTES,
  DELETE_CONTENT,
  deleteUnsent,
  INSERT_ATTACHMENT,
  INSERT_CHUNK,
  INSERT_CONTENT,
  type SameContentRow,
  SEAL_CONTENT,
  SELECT_SAME_CONTENT,
} from "../db/queries/attachment-queries";
import { isDeletedConversation } from "../db/queries/conversation-queries";
import { transaction } from "../db/transaction";
import { AppError } from "../errors";
import { bodyChunks } from "../http/body-chunks";
import { type AttachmentType, attachmentType, looksLikeText } from "./attachment-type";
import { type AttachmentView, attachmentUrl } from "./attachment-view";
import { MetadataStripper } from "./strip-metadata";

/** The first bytes read before anything is stored: enough for file-type, a DOCX's first entries, and an image's size. */
const HEAD_BYTES = 65_536;

export interface StoreAttachmentOptions {
  conversationId: string;
  /** Already made safe (file-name.ts). */
  name: string;
  client: string;
}

export interface ReceiveAttachmentOptions extends StoreAttachmentOptions {
  maxBytes: number;
  /** Its Content-Length, at most maxBytes. */
  expectedBytes: number;
  minBytesPerSecond: number;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/**
 * Stores an upload as it arrives: its type from its first bytes (refused, before anything is written,
 * unless accepted), then chunk by chunk, with JPEG and PNG metadata stripped on the way and the whole
 * checked as text when it claims to be; bytes the conversation already holds are kept once. Nothing
 * is left behind when it fails.
 */
export async function receiveAttachment(
  request: Request,
  options: ReceiveAttachmentOptions,
): Promise<{ view: AttachmentView; contentId: string }> {
  const tooLong = () =>
    options.expectedBytes < options.maxBytes
      ? new AppError("BAD_REQUEST", "The request body is longer than its Content-Length.")
      : new AppError("ATTACHMENT_TOO_LARGE", `That file is larger than the limit of ${megabytes(options.maxBytes)}.`);
  const chunks = bodyChunks(request, { expectedBytes: options.expectedBytes, tooLong, minBytesPerSecond: options.minBytesPerSecond });
  return storeAttachment(chunks, options);
}

/**
 * Stores a file's bytes, as `chunks` gives them (an upload's body, an archive's entry), as an
 * attachment of the conversation not yet sent: checked and written as receiveAttachment says.
 */
export async function storeAttachment(
  chunks: AsyncGenerator<Uint8Array>,
  options: StoreAttachmentOptions,
): Promise<{ view: AttachmentView; contentId: string }> {
  const first: Uint8Array[] = [];
  let headSize = 0;
  let ended = false;
  while (headSize < HEAD_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    first.push(next.value);
    headSize += next.value.byteLength;
  }
  const head = Buffer.concat(first, headSize);
  if (head.length === 0) {
    await chunks.return(undefined);
    throw new AppError("BAD_REQUEST", "The file is empty.");
  }
  const type = await detect(head, ended, options.name);
  if (!type) {
    await chunks.return(undefined);
    throw new AppError(
      "UNSUPPORTED_FILE_TYPE",
      "That kind of file cannot be attached: PDF, Word (DOCX), text, Markdown, CSV, JSON, code and PNG, JPEG, WebP or GIF images can.",
    );
  }
  const size = type.kind === "image" ? dimensions(head) : null;
  const contentId = randomUUID();
  await pool().query({
    name: "insert_attachment_content",
    text: INSERT_CONTENT,
    values: [contentId, options.conversationId, type.mediaType, size?.width ?? null, size?.height ?? null],
  });
  try {
    const written = await writeChunks(contentId, type, head, ended ? null : chunks);
    const { id, kept } = await store(contentId, options, written);
    // Deleted while it arrived: it goes too.
    if (await isDeletedConversation(options.conversationId)) {
      await deleteUnsent(id, options.conversationId);
      throw new AppError("DELETED");
    }
    const view = {
      id,
      name: options.name,
      mediaType: kept?.mediaType ?? type.mediaType,
      size: written.size,
      width: kept ? kept.width : (size?.width ?? null),
      height: kept ? kept.height : (size?.height ?? null),
      url: attachmentUrl(options.conversationId, id),
    };
    return { view, contentId: kept?.id ?? contentId };
  } catch (error) {
    await pool()
      .query({ name: "delete_attachment_content", text: DELETE_CONTENT, values: [contentId] })
      .catch(() => {});
    throw error;
  }
}

async function detect(head: Buffer, whole: boolean, name: string): Promise<AttachmentType | null> {
  const { fileTypeFromBuffer } = await import("file-type");
  const sniffed = await fileTypeFromBuffer(head).catch(() => undefined);
  return attachmentType(sniffed?.mime, looksLikeText(head, whole), name);
}

function dimensions(head: Buffer): { width: number; height: number } | null {
  try {
    const { width, height } = imageSize(head);
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}

/** Writes the file's bytes (what was read first, then the rest as it comes) in CHUNK_BYTES rows: its hash and size after stripping. */
async function writeChunks(contentId: string, type: AttachmentType, head: Buffer, rest: AsyncGenerator<Uint8Array> | null) {
  const stripper = new MetadataStripper(type.mediaType);
  const hash = createHash("sha256");
  const text = type.kind === "text" ? new TextDecoder("utf-8", { fatal: true }) : null;
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let filled = 0;
  let index = 0;
  let size = 0;
  const flush = async () => {
    if (filled === 0) return;
    await pool().query({ name: "insert_attachment_chunk", text: INSERT_CHUNK, values: [contentId, index++, buffer.subarray(0, filled)] });
    buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    filled = 0;
  };
  const add = async (pieces: Uint8Array[]) => {
    for (let piece of pieces) {
      hash.update(piece);
      size += piece.byteLength;
      while (piece.byteLength > 0) {
        const take = Math.min(CHUNK_BYTES - filled, piece.byteLength);
        buffer.set(piece.subarray(0, take), filled);
        filled += take;
        piece = piece.subarray(take);
        if (filled === CHUNK_BYTES) await flush();
      }
    }
  };
  const take = async (chunk: Uint8Array) => {
    if (text && (chunk.includes(0) || !decodes(text, chunk)))
      throw new AppError("UNSUPPORTED_FILE_TYPE", "That file starts as text but is not text: it cannot be attached.");
    await add(stripper.push(chunk));
  };
  // A large piece of body is worked through a slice at a time, giving other requests a turn between.
  const takeInSlices = async (chunk: Uint8Array) => {
    for (let from = 0; from < chunk.length; from += CHUNK_BYTES) {
      if (from > 0) await new Promise((resolve) => setImmediate(resolve));
      await take(chunk.subarray(from, from + CHUNK_BYTES));
    }
  };
  await takeInSlices(head);
  if (rest) for await (const chunk of rest) await takeInSlices(chunk);
  if (text && !decodes(text, new Uint8Array(0), true))
    throw new AppError("UNSUPPORTED_FILE_TYPE", "That file ends in the middle of a character: it is not text.");
  await add(stripper.end());
  await flush();
  return { hash: hash.digest(), size };
}

function decodes(decoder: TextDecoder, chunk: Uint8Array, last = false): boolean {
  try {
    decoder.decode(chunk, { stream: !last });
    return true;
  } catch {
    return false;
  }
}

/**
 * Seals the content and names it in a new attachment, in one transaction. When the conversation holds
 * the same bytes already, those are named instead (locked, so that no delete takes them meanwhile) and
 * this copy goes. Returns the attachment's id, and the content kept when it was another.
 */
async function store(contentId: string, options: StoreAttachmentOptions, written: { hash: Buffer; size: number }) {
  const id = randomUUID();
  for (let attempt = 0; ; attempt++) {
    try {
      const kept = await transaction(async (tx) => {
        const { rows } = await tx.query<SameContentRow>({
          name: "select_same_attachment_content",
          text: SELECT_SAME_CONTENT,
          values: [options.conversationId, written.hash],
        });
        const same = rows[0] ?? null;
        if (!same) await tx.query({ name: "seal_attachment_content", text: SEAL_CONTENT, values: [contentId, written.hash, written.size] });
        await tx.query({
          name: "insert_attachment",
          text: INSERT_ATTACHMENT,
          values: [id, options.conversationId, same?.id ?? contentId, options.name, options.client],
        });
        return same;
      });
      if (kept) await pool().query({ name: "delete_attachment_content", text: DELETE_CONTENT, values: [contentId] });
      return { id, kept };
    } catch (error) {
      // The same bytes were sealed by another upload meanwhile: the next attempt names them.
      if (attempt === 0 && isUniqueViolation(error, "AttachmentContent_conversationId_sha256_key")) continue;
      throw error;
    }
  }
}
