import "server-only";
import type { AttachmentView } from "../../attachments/attachment-view";
import { pool } from "../client";
import { transaction } from "../transaction";
import { onPath } from "./branch-queries";
import { notifyMessage } from "./event-queries";
import { scopedLexemes, scopedQuery } from "./recall-queries";

// Attachments (docs/attachments.md): a file's bytes in "AttachmentContent" and its chunks, stored once
// per conversation; "Attachment" names them, with the message they were sent with.

/** A chunk of a file as stored: an upload writes them one at a time, a download reads them so. */
export const CHUNK_BYTES = 262_144;

export const INSERT_CONTENT = `
  INSERT INTO "AttachmentContent" ("id", "conversationId", "mediaType", "width", "height")
  VALUES ($1::uuid, $2::uuid, $3, $4, $5)`;

export const INSERT_CHUNK = `
  INSERT INTO "AttachmentChunk" ("contentId", "index", "data") VALUES ($1::uuid, $2, $3)`;

/** Content $1, all its chunks written, gets its hash $2 and size $3; fails on a unique violation when its conversation already holds those bytes. */
export const SEAL_CONTENT = `
  UPDATE "AttachmentContent" SET "sha256" = $2, "size" = $3 WHERE "id" = $1::uuid`;

/** The sealed content of conversation $1 with hash $2: the bytes an upload found already stored, locked against a delete. */
export const SELECT_SAME_CONTENT = `
  SELECT "id", "mediaType", "width", "height" FROM "AttachmentContent" WHERE "conversationId" = $1::uuid AND "sha256" = $2
  FOR KEY SHARE`;

export interface SameContentRow {
  id: string;
  mediaType: string;
  width: number | null;
  height: number | null;
}

export const DELETE_CONTENT = `DELETE FROM "AttachmentContent" WHERE "id" = $1::uuid`;

export const INSERT_ATTACHMENT = `
  INSERT INTO "Attachment" ("id", "conversationId", "contentId", "name", "client") VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5)`;

/** What client $1's attachments hold, in bytes (bytes stored once for several count for each). */
export const SELECT_CLIENT_STORED = `
  SELECT COALESCE(sum(c."size"), 0)::bigint AS "bytes"
  FROM "Attachment" a JOIN "AttachmentContent" c ON c."id" = a."contentId"
  WHERE a."client" = $1`;

/** One attachment of a conversation, as a download needs it. */
export interface AttachmentRow {
  id: string;
  name: string;
  contentId: string;
  mediaType: string;
  size: number;
  width: number | null;
  height: number | null;
  messageId: string | null;
}

export const SELECT_ATTACHMENT = `
  SELECT a."id", a."name", a."contentId", c."mediaType", c."size", c."width", c."height", a."messageId"
  FROM "Attachment" a JOIN "AttachmentContent" c ON c."id" = a."contentId"
  WHERE a."id" = $1::uuid AND a."conversationId" = $2::uuid AND c."sha256" IS NOT NULL`;

/**
 * Attachment $2 as share link $1 shows it: sent by a message of the shared branch, no later than the
 * message it was shared at; nothing for any other file of the conversation.
 */
export const SELECT_SHARED_ATTACHMENT = `
  SELECT a."id", a."name", a."contentId", c."mediaType", c."size", c."width", c."height", a."messageId"
  FROM "ShareLink" s
  JOIN "Attachment" a ON a."conversationId" = s."conversationId" AND a."id" = $2::uuid
  JOIN "AttachmentContent" c ON c."id" = a."contentId" AND c."sha256" IS NOT NULL
  JOIN "Message" m ON m."id" = a."messageId"
  WHERE s."token" = $1 AND m."seq" <= s."throughSeq" AND ${onPath("m", "s")}`;

export const SELECT_CHUNK = `
  SELECT "data" FROM "AttachmentChunk" WHERE "contentId" = $1::uuid AND "index" = $2`;

/** Unsent attachment $1 of conversation $2 goes (its chip's remove button); its bytes go with the last that names them. */
export const DELETE_UNSENT = `
  WITH gone AS (
    DELETE FROM "Attachment" WHERE "id" = $1::uuid AND "conversationId" = $2::uuid AND "messageId" IS NULL RETURNING "contentId"
  )
  DELETE FROM "AttachmentContent" c USING gone
  WHERE c."id" = gone."contentId" AND NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."contentId" = c."id" AND a."id" <> $1::uuid)
  RETURNING c."id"`;

/**
 * Those of attachments $2 that are conversation $1's and not yet sent (or sent already with message
 * $3, the same message sent again), in the order given: a turn takes only those.
 */
export const SELECT_UNSENT = `
  SELECT a."id", a."name", c."mediaType", c."size", c."width", c."height"
  FROM "Attachment" a JOIN "AttachmentContent" c ON c."id" = a."contentId"
  WHERE a."id" = ANY($2::uuid[]) AND a."conversationId" = $1::uuid AND (a."messageId" IS NULL OR a."messageId" = $3::uuid)
  ORDER BY array_position($2::uuid[], a."id")`;

/**
 * After files are linked to `message` (stored before them), other tabs are told to read it again:
 * the events stream then sends it with its files.
 */
const announceFiles = (message: string) => `
  SELECT (SELECT count(*) FROM linked)::int AS "linked",
    (SELECT ${notifyMessage("turn", "m")} FROM "Message" m WHERE m."id" = ${message}::uuid AND EXISTS (SELECT 1 FROM linked)) AS "announced"`;

/** Attachments $2 of conversation $1, not yet sent, go with message $3, in the order given. */
export const LINK_ATTACHMENTS = `
  WITH linked AS (
    UPDATE "Attachment" SET "messageId" = $3::uuid, "position" = array_position($2::uuid[], "id")
    WHERE "id" = ANY($2::uuid[]) AND "conversationId" = $1::uuid AND "messageId" IS NULL
    RETURNING 1
  )
  ${announceFiles("$3")}`;

/**
 * The files $3 of message $2 (conversation $1) go with message $4 too, a new version of it (an edit
 * that keeps them), in the order given: new attachments naming the same stored bytes.
 */
export const KEEP_ATTACHMENTS = `
  WITH linked AS (
    INSERT INTO "Attachment" ("id", "conversationId", "contentId", "messageId", "position", "name", "client")
    SELECT gen_random_uuid(), a."conversationId", a."contentId", $4::uuid, array_position($3::uuid[], a."id"), a."name", a."client"
    FROM "Attachment" a
    WHERE a."conversationId" = $1::uuid AND a."messageId" = $2::uuid AND a."id" = ANY($3::uuid[])
      -- Once: the same edit sent again (a network retry) finds its files there already.
      AND NOT EXISTS (SELECT 1 FROM "Attachment" b WHERE b."messageId" = $4::uuid)
    RETURNING 1
  )
  ${announceFiles("$4")}`;

/** An attachment as a message shows it, before its address is known. */
export interface MessageAttachmentRow extends Omit<AttachmentView, "url"> {
  messageId: string;
}

/** The attachments of messages $1, in the order each message sent them. */
export const SELECT_MESSAGE_ATTACHMENTS = `
  SELECT a."messageId", a."id", a."name", c."mediaType", c."size", c."width", c."height"
  FROM "Attachment" a JOIN "AttachmentContent" c ON c."id" = a."contentId"
  WHERE a."messageId" = ANY($1::uuid[])
  ORDER BY a."position", a."id"`;

/** A file as an export carries it: named, typed, and where its bytes are. */
export interface ExportedAttachmentRow extends MessageAttachmentRow {
  contentId: string;
}

/** The files of messages $1, for an export: as SELECT_MESSAGE_ATTACHMENTS, with their contents. */
export const SELECT_EXPORTED_ATTACHMENTS = `
  SELECT a."messageId", a."id", a."name", c."mediaType", c."size", c."width", c."height", a."contentId"
  FROM "Attachment" a JOIN "AttachmentContent" c ON c."id" = a."contentId"
  WHERE a."messageId" = ANY($1::uuid[]) AND c."sha256" IS NOT NULL
  ORDER BY a."position", a."id"`;

/**
 * Uploads never sent after $1 (an hour), with their bytes unless another attachment names them, and
 * uploads that never finished; at most $2 of each a run, found by their partial indexes.
 */
export const SWEEP_ATTACHMENTS = `
  WITH unsent AS (
    DELETE FROM "Attachment" WHERE "id" IN (
      SELECT "id" FROM "Attachment" WHERE "messageId" IS NULL AND "createdAt" < now() - $1::interval ORDER BY "createdAt" LIMIT $2
    ) RETURNING "id", "contentId"
  ), unnamed AS (
    DELETE FROM "AttachmentContent" c WHERE c."id" IN (SELECT "contentId" FROM unsent)
      AND NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."contentId" = c."id" AND a."id" NOT IN (SELECT "id" FROM unsent))
    RETURNING c."id"
  ), unfinished AS (
    DELETE FROM "AttachmentContent" WHERE "id" IN (
      SELECT "id" FROM "AttachmentContent" WHERE "sha256" IS NULL AND "createdAt" < now() - $1::interval ORDER BY "createdAt" LIMIT $2
    ) RETURNING "id"
  )
  SELECT ((SELECT count(*) FROM unsent) + (SELECT count(*) FROM unfinished))::int AS "deleted"`;

/** Content $1, waiting to be read, is claimed by the reader that asks first ('reading'): its kind and size, or no row. */
export const CLAIM_TEXT = `
  UPDATE "AttachmentContent" SET "textState" = 'reading'
  WHERE "id" = $1::uuid AND "textState" = 'pending' AND "sha256" IS NOT NULL
  RETURNING "mediaType", "size", "conversationId"`;

/** Content $1's text state becomes $2 ('read', 'none', 'scanned', 'failed'), with its page count $3. */
export const SET_TEXT_STATE = `
  UPDATE "AttachmentContent" SET "textState" = $2, "pages" = $3 WHERE "id" = $1::uuid`;

/** Content $2's passages, of conversation $1 (the scope of their recall keys): ordinals $3, pages $4, texts $5, as arrays. */
export const INSERT_PASSAGES = `
  INSERT INTO "AttachmentPassage" ("contentId", "ordinal", "page", "text", "recall")
  SELECT $2::uuid, o, p, t, array_to_tsvector(${scopedLexemes("t")}) FROM unnest($3::int[], $4::int[], $5::text[]) AS x(o, p, t)
  ON CONFLICT DO NOTHING`;

/** Contents waiting to be read (an instance stopped before it read them), oldest first, at most $1. */
export const SELECT_UNREAD = `
  SELECT "id" FROM "AttachmentContent" WHERE "textState" = 'pending' AND "sha256" IS NOT NULL
  ORDER BY "createdAt" LIMIT $1`;

/** What the attachments of a message hold of their text: each file with its text state and page count. */
export interface AttachmentTextRow extends MessageAttachmentRow {
  contentId: string;
  textState: string;
  pages: number | null;
  passages: number;
}

/** The files of message $1, of conversation $2 (a preview names a message: never another conversation's). */
export const SELECT_MESSAGE_TEXTS = `
  SELECT a."messageId", a."id", a."name", c."mediaType", c."size", c."width", c."height", a."contentId", c."textState", c."pages",
    (SELECT count(*)::int FROM "AttachmentPassage" p WHERE p."contentId" = c."id") AS "passages"
  FROM "Attachment" a JOIN "AttachmentContent" c ON c."id" = a."contentId"
  WHERE a."messageId" = $1::uuid AND a."conversationId" = $2::uuid
  ORDER BY a."position", a."id"`;

/** Files uploaded to conversation $1 and not yet sent (a draft's), as SELECT_MESSAGE_TEXTS reads a message's: the first $2, oldest first. */
export const SELECT_UNSENT_TEXTS = `
  SELECT a."messageId", a."id", a."name", c."mediaType", c."size", c."width", c."height", a."contentId", c."textState", c."pages",
    (SELECT count(*)::int FROM "AttachmentPassage" p WHERE p."contentId" = c."id") AS "passages"
  FROM "Attachment" a JOIN "AttachmentContent" c ON c."id" = a."contentId"
  WHERE a."conversationId" = $1::uuid AND a."messageId" IS NULL AND c."sha256" IS NOT NULL
  ORDER BY a."createdAt", a."id"
  LIMIT $2`;

/**
 * The first passages of contents $1, in the order of the array, then by position in each: at most $2
 * of each, and no more of one than its first $3 characters reach into (a prompt's budget holds no more).
 */
export const SELECT_FIRST_PASSAGES = `
  SELECT p."contentId", p."ordinal", p."page", p."text"
  FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, n)
  CROSS JOIN LATERAL (
    SELECT f.* FROM (
      SELECT a."contentId", a."ordinal", a."page", a."text",
        sum(length(a."text")) OVER (ORDER BY a."ordinal") - length(a."text") AS "before"
      FROM (SELECT * FROM "AttachmentPassage" WHERE "contentId" = c.id ORDER BY "ordinal" LIMIT $2) a
    ) f
    WHERE f."before" < $3
  ) p
  ORDER BY c.n, p."ordinal"`;

export interface PassageRow {
  contentId: string;
  ordinal: number;
  page: number | null;
  text: string;
}

/** A passage of a file sent earlier in the conversation, found by the question's words. */
export interface FilePassageRow {
  name: string;
  page: number | null;
  text: string;
  /** The message that sent the file. */
  seq: number;
  score: number;
}

/** A passage of a file sent earlier, with its vector: recall compares it with the question's. */
export interface PassageVectorRow {
  contentId: string;
  ordinal: number;
  embedding: Buffer;
}

/**
 * The vectors of model $2 of the passages of files sent in conversation $1 by a message on its
 * current branch still in recall, not by message $3 (as SELECT_FILE_PASSAGES counts them); at most $4,
 * the latest files' first.
 */
export const SELECT_PASSAGE_VECTORS = `
  WITH sent AS MATERIALIZED (
    SELECT a."contentId", max(m."seq") AS "seq"
    FROM "Attachment" a
    JOIN "Message" m ON m."id" = a."messageId"
    JOIN "Conversation" c ON c."id" = $1::uuid
    WHERE a."conversationId" = $1::uuid AND ${onPath("m", "c")} AND m."recall" IS NOT NULL AND m."id" IS DISTINCT FROM $3::uuid
    GROUP BY a."contentId"
  )
  SELECT v."contentId", v."ordinal", v."embedding"
  FROM (SELECT * FROM sent ORDER BY "seq" DESC) s
  CROSS JOIN LATERAL (
    SELECT p."contentId", p."ordinal", p."embedding" FROM "AttachmentPassage" p
    WHERE p."contentId" = s."contentId" AND p."embeddingModel" = $2
    ORDER BY p."ordinal"
    LIMIT $4
  ) v
  LIMIT $4`;

/** Up to $3 passages of content $1 without a vector of model $2, in order, and who uploaded the file (an endpoint's tokens are counted against them). */
export const SELECT_UNEMBEDDED_PASSAGES = `
  SELECT p."ordinal", p."text", (SELECT a."client" FROM "Attachment" a WHERE a."contentId" = $1::uuid LIMIT 1) AS "client"
  FROM "AttachmentPassage" p
  WHERE p."contentId" = $1::uuid AND p."embeddingModel" IS DISTINCT FROM $2
  ORDER BY p."ordinal"
  LIMIT $3`;

/** Up to $1 read documents with passages still without a vector, found by their partial index. */
export const SELECT_UNEMBEDDED_CONTENTS = `
  SELECT DISTINCT "contentId" AS "id" FROM "AttachmentPassage" WHERE "embedding" IS NULL LIMIT $1`;

/** Content $1's passages $3 get vectors $4 of model $2. */
export const UPDATE_PASSAGE_EMBEDDINGS = `
  UPDATE "AttachmentPassage" p SET "embeddingModel" = $2, "embedding" = e.vector
  FROM unnest($3::int[], $4::bytea[]) AS e(ordinal, vector)
  WHERE p."contentId" = $1::uuid AND p."ordinal" = e.ordinal`;

/** A named page outweighs all of a question's words (each weighs at most 1 / ln 3, and 8 are searched). */
const NAMED_PAGE_WEIGHT = 10;

/**
 * Recall in the files of conversation $1: the passages holding the words $2 (each word's hits capped
 * at $3, found by the conversation's own GIN keys), scored by the words they hold, the rarer weighing
 * more, the passages on pages $6 the question names, which weigh more than any word, and passages
 * $7/$8 close in meaning, weighing their similarity $9; only files
 * sent by a message on the current branch that is still in recall (not before a Clear memory), and
 * not by message $4 (the one being answered, which carries its files whole). The best $5.
 */
export const SELECT_FILE_PASSAGES = `
  WITH terms AS MATERIALIZED (
    SELECT t.ord - 1 AS term, q.query
    FROM unnest($2::text[]) WITH ORDINALITY AS t(word, ord)
    CROSS JOIN LATERAL (SELECT ${scopedQuery("t.word")} AS query) q
    WHERE q.query IS NOT NULL
  ), hits AS MATERIALIZED (
    SELECT h."contentId", h."ordinal", terms.term
    FROM terms CROSS JOIN LATERAL (
      SELECT p."contentId", p."ordinal" FROM "AttachmentPassage" p WHERE p."recall" @@ terms.query LIMIT $3
    ) h
  ), weights AS (
    SELECT term, 1.0 / ln(2 + count(*)) AS weight FROM hits GROUP BY term
  ), paged AS MATERIALIZED (
    -- Only files this branch sent and still recalls (checked again below), the latest first.
    SELECT p."contentId", p."ordinal", ${NAMED_PAGE_WEIGHT} AS weight
    FROM (
      SELECT a."contentId", max(m."seq") AS "seq"
      FROM "Attachment" a
      JOIN "Message" m ON m."id" = a."messageId"
      JOIN "Conversation" c ON c."id" = $1::uuid
      WHERE cardinality($6::int[]) > 0 AND a."conversationId" = $1::uuid AND ${onPath("m", "c")}
        AND m."recall" IS NOT NULL AND m."id" IS DISTINCT FROM $4::uuid
      GROUP BY a."contentId"
    ) f
    JOIN "AttachmentPassage" p ON p."contentId" = f."contentId" AND p."page" = ANY($6::int[])
    ORDER BY f."seq" DESC, p."ordinal"
    LIMIT $3
  ), scored AS (
    SELECT "contentId", "ordinal", sum(weight) AS score
    FROM (SELECT h."contentId", h."ordinal", w.weight FROM hits h JOIN weights w USING (term)
          UNION ALL SELECT "contentId", "ordinal", weight FROM paged
          UNION ALL SELECT * FROM unnest($7::uuid[], $8::int[], $9::float8[])) s
    GROUP BY 1, 2
  ), sources AS MATERIALIZED (
    -- Each file once, however many messages sent it: named by the latest of them that counts.
    SELECT k."contentId", f."name", f."seq"
    FROM (SELECT DISTINCT "contentId" FROM scored) k
    CROSS JOIN LATERAL (
      SELECT a."name", m."seq"
      FROM "Attachment" a
      JOIN "Message" m ON m."id" = a."messageId"
      JOIN "Conversation" c ON c."id" = $1::uuid
      WHERE a."contentId" = k."contentId" AND a."conversationId" = $1::uuid
        AND ${onPath("m", "c")} AND m."recall" IS NOT NULL AND m."id" IS DISTINCT FROM $4::uuid
      ORDER BY m."seq" DESC
      LIMIT 1
    ) f
  ), best AS MATERIALIZED (
    SELECT s."contentId", s."ordinal", s.score, src."name", src."seq"
    FROM scored s JOIN sources src ON src."contentId" = s."contentId"
    ORDER BY s.score DESC, src."seq" DESC, s."ordinal"
    LIMIT $5
  )
  SELECT best."name", p."page", p."text", best."seq", best.score::float8 AS "score"
  FROM best JOIN "AttachmentPassage" p ON p."contentId" = best."contentId" AND p."ordinal" = best."ordinal"
  ORDER BY best.score DESC, best."seq" DESC, p."ordinal"`;

/**
 * Runs SELECT_FILE_PASSAGES with sequential scans off: the GIN lookup's query is computed in the
 * statement, so the planner cannot see that a conversation's key is rare, and with LIMIT it may
 * prefer to read every passage of every conversation.
 */
export async function selectFilePassages(
  conversationId: string,
  search: { words: string[]; pages: number[]; meant: { contentId: string; ordinal: number; similarity: number }[] },
  except: string | null,
  limits: { perWord: number; passages: number },
): Promise<FilePassageRow[]> {
  const { meant } = search;
  return transaction(async (client) => {
    await client.query("SET LOCAL enable_seqscan = off");
    const { rows } = await client.query<FilePassageRow>({
      name: "select_file_passages",
      text: SELECT_FILE_PASSAGES,
      values: [
        conversationId,
        search.words,
        limits.perWord,
        except,
        limits.passages,
        search.pages,
        meant.map((passage) => passage.contentId),
        meant.map((passage) => passage.ordinal),
        meant.map((passage) => passage.similarity),
      ],
    });
    return rows;
  });
}

export async function selectPassageVectors(
  conversationId: string,
  model: string,
  except: string | null,
  limit: number,
): Promise<PassageVectorRow[]> {
  const { rows } = await pool().query<PassageVectorRow>({
    name: "select_passage_vectors",
    text: SELECT_PASSAGE_VECTORS,
    values: [conversationId, model, except, limit],
  });
  return rows;
}

export async function selectUnembeddedPassages(
  contentId: string,
  model: string,
  limit: number,
): Promise<{ ordinal: number; text: string; client: string | null }[]> {
  const { rows } = await pool().query<{ ordinal: number; text: string; client: string | null }>({
    name: "select_unembedded_passages",
    text: SELECT_UNEMBEDDED_PASSAGES,
    values: [contentId, model, limit],
  });
  return rows;
}

export async function selectUnembeddedContents(limit: number): Promise<string[]> {
  const { rows } = await pool().query<{ id: string }>({
    name: "select_unembedded_contents",
    text: SELECT_UNEMBEDDED_CONTENTS,
    values: [limit],
  });
  return rows.map((row) => row.id);
}

export async function updatePassageEmbeddings(contentId: string, model: string, ordinals: number[], vectors: Buffer[]): Promise<void> {
  await pool().query({
    name: "update_passage_embeddings",
    text: UPDATE_PASSAGE_EMBEDDINGS,
    values: [contentId, model, ordinals, vectors],
  });
}

export async function selectAttachment(id: string, conversationId: string): Promise<AttachmentRow | null> {
  const { rows } = await pool().query<AttachmentRow>({ name: "select_attachment", text: SELECT_ATTACHMENT, values: [id, conversationId] });
  return rows[0] ?? null;
}

export async function selectSharedAttachment(token: string, attachmentId: string): Promise<AttachmentRow | null> {
  const { rows } = await pool().query<AttachmentRow>({
    name: "select_shared_attachment",
    text: SELECT_SHARED_ATTACHMENT,
    values: [token, attachmentId],
  });
  return rows[0] ?? null;
}

export async function selectChunk(contentId: string, index: number): Promise<Buffer | null> {
  const { rows } = await pool().query<{ data: Buffer }>({
    name: "select_attachment_chunk",
    text: SELECT_CHUNK,
    values: [contentId, index],
  });
  return rows[0]?.data ?? null;
}

export async function selectMessageAttachments(messageIds: string[]): Promise<MessageAttachmentRow[]> {
  if (messageIds.length === 0) return [];
  const { rows } = await pool().query<MessageAttachmentRow>({
    name: "select_message_attachments",
    text: SELECT_MESSAGE_ATTACHMENTS,
    values: [messageIds],
  });
  return rows;
}

export async function selectClientStored(client: string): Promise<number> {
  const { rows } = await pool().query<{ bytes: string }>({ name: "select_client_stored", text: SELECT_CLIENT_STORED, values: [client] });
  return Number(rows[0]?.bytes ?? 0);
}

export async function deleteUnsent(id: string, conversationId: string): Promise<void> {
  await pool().query({ name: "delete_unsent_attachment", text: DELETE_UNSENT, values: [id, conversationId] });
}

export async function selectUnsent(
  conversationId: string,
  ids: string[],
  messageId: string,
): Promise<Omit<MessageAttachmentRow, "messageId">[]> {
  const { rows } = await pool().query<Omit<MessageAttachmentRow, "messageId">>({
    name: "select_unsent_attachments",
    text: SELECT_UNSENT,
    values: [conversationId, ids, messageId],
  });
  return rows;
}

export async function keepAttachments(conversationId: string, edited: string, ids: string[], messageId: string): Promise<number> {
  const { rows } = await pool().query<{ linked: number }>({
    name: "keep_attachments",
    text: KEEP_ATTACHMENTS,
    values: [conversationId, edited, ids, messageId],
  });
  return rows[0]?.linked ?? 0;
}

export async function linkAttachments(conversationId: string, ids: string[], messageId: string): Promise<void> {
  await pool().query({ name: "link_attachments", text: LINK_ATTACHMENTS, values: [conversationId, ids, messageId] });
}

export async function sweepAttachments(olderThan: string, batch: number): Promise<number> {
  const { rows } = await pool().query<{ deleted: number }>({
    name: "sweep_attachments",
    text: SWEEP_ATTACHMENTS,
    values: [olderThan, batch],
  });
  return rows[0]?.deleted ?? 0;
}

export async function selectExportedAttachments(messageIds: string[]): Promise<ExportedAttachmentRow[]> {
  if (messageIds.length === 0) return [];
  const { rows } = await pool().query<ExportedAttachmentRow>({
    name: "select_exported_attachments",
    text: SELECT_EXPORTED_ATTACHMENTS,
    values: [messageIds],
  });
  return rows;
}

export async function selectUnsentTexts(conversationId: string, limit: number): Promise<AttachmentTextRow[]> {
  const { rows } = await pool().query<AttachmentTextRow>({
    name: "select_unsent_texts",
    text: SELECT_UNSENT_TEXTS,
    values: [conversationId, limit],
  });
  return rows;
}

export async function selectMessageTexts(conversationId: string, messageId: string): Promise<AttachmentTextRow[]> {
  const { rows } = await pool().query<AttachmentTextRow>({
    name: "select_message_texts",
    text: SELECT_MESSAGE_TEXTS,
    values: [messageId, conversationId],
  });
  return rows;
}

export async function selectFirstPassages(contentIds: string[], limit: number, maxChars: number): Promise<PassageRow[]> {
  const { rows } = await pool().query<PassageRow>({
    name: "select_first_passages",
    text: SELECT_FIRST_PASSAGES,
    values: [contentIds, limit, maxChars],
  });
  return rows;
}
