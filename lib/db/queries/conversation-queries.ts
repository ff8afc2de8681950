import "server-only";
import { pool } from "../client";
import type { Queryable } from "../transaction";

export interface ConversationRow {
  id: string;
  title: string | null;
  /** A temporary chat: deleted after this time unless kept. */
  expiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The last message's position: messages of every branch are numbered 1..lastSeq with no gaps. */
  lastSeq: number;
  /** The model chosen for it; NULL is the server's default. */
  model: string | null;
  /** The branch shown and continued, and its path (see lib/conversations/branch-path.ts). */
  branch: number;
  pathBranches: number[];
  pathEnds: number[];
}

const CONVERSATION_COLUMNS = `"id", "title", "createdAt", "updatedAt", "lastSeq", "model", "branch", "pathBranches", "pathEnds", "expiresAt"`;

export const INSERT_CONVERSATION = `INSERT INTO "Conversation" ("id") VALUES ($1::uuid)`;

export const RENAME_CONVERSATION = `UPDATE "Conversation" SET "title" = $2 WHERE "id" = $1::uuid`;

export const UPDATE_CONVERSATION_MODEL = `UPDATE "Conversation" SET "model" = $2 WHERE "id" = $1::uuid`;

/**
 * Its messages and share link go with it by cascade, its files (sent or not: they have no foreign key
 * to it), and its id is kept as a tombstone, in the same statement.
 */
export const DELETE_CONVERSATION = `
  WITH gone AS (DELETE FROM "Conversation" WHERE "id" = $1::uuid RETURNING "id"),
  files AS (DELETE FROM "AttachmentContent" WHERE "conversationId" = $1::uuid)
  INSERT INTO "DeletedConversation" ("id") SELECT "id" FROM gone ON CONFLICT ("id") DO NOTHING
  RETURNING "id"`;

/** Temporary chats past their time, a batch at a time, each leaving its tombstone like any deletion. */
export const DELETE_EXPIRED_CONVERSATIONS = `
  WITH gone AS (
    DELETE FROM "Conversation" WHERE "id" IN (
      SELECT "id" FROM "Conversation" WHERE "expiresAt" < CURRENT_TIMESTAMP ORDER BY "expiresAt" LIMIT $1
    ) RETURNING "id"
  ), files AS (
    DELETE FROM "AttachmentContent" WHERE "conversationId" IN (SELECT "id" FROM gone)
  )
  INSERT INTO "DeletedConversation" ("id") SELECT "id" FROM gone ON CONFLICT ("id") DO NOTHING`;

/** A temporary chat the user keeps: an ordinary one from now on (it still feeds no memory across chats). */
export const KEEP_CONVERSATION = `UPDATE "Conversation" SET "expiresAt" = NULL WHERE "id" = $1::uuid`;

export const SELECT_DELETED_CONVERSATION = `SELECT 1 FROM "DeletedConversation" WHERE "id" = $1::uuid`;

export const SELECT_CONVERSATION = `SELECT ${CONVERSATION_COLUMNS} FROM "Conversation" WHERE "id" = $1::uuid`;

/** Only the conversations asked for by id: an id is what grants access, so nothing is enumerated. */
export const SELECT_CONVERSATIONS = `
  SELECT ${CONVERSATION_COLUMNS} FROM "Conversation" WHERE "id" = ANY($1::uuid[]) ORDER BY "updatedAt" DESC`;

/**
 * Among the given conversations, those whose title contains $2 and whose remembered preferences
 * contain $3; a NULL leaves its condition out. The containment is the `@>` that the memoryBuffer GIN
 * index serves. Sent unprepared, so each search is planned with its own values and the NULL
 * conditions fold away.
 */
export const SEARCH_CONVERSATIONS = `
  SELECT ${CONVERSATION_COLUMNS} FROM "Conversation"
  WHERE "id" = ANY($1::uuid[])
    AND ($2::text IS NULL OR "title" ILIKE $2)
    AND ($3::jsonb IS NULL OR "memoryBuffer" @> $3::jsonb)
  ORDER BY "updatedAt" DESC
  LIMIT 100`;

/** The model's title replaces the provisional one, unless the user renamed the conversation meanwhile. */
export const REPLACE_PROVISIONAL_TITLE = `UPDATE "Conversation" SET "title" = $2 WHERE "id" = $1::uuid AND "title" = $3`;

export async function insertConversation(id: string): Promise<void> {
  await pool().query({ name: "insert_conversation", text: INSERT_CONVERSATION, values: [id] });
}

export async function renameConversationRow(id: string, title: string): Promise<boolean> {
  const { rowCount } = await pool().query({ name: "rename_conversation", text: RENAME_CONVERSATION, values: [id, title] });
  return rowCount === 1;
}

export async function updateConversationModel(id: string, model: string): Promise<boolean> {
  const { rowCount } = await pool().query({ name: "update_conversation_model", text: UPDATE_CONVERSATION_MODEL, values: [id, model] });
  return rowCount === 1;
}

export async function deleteConversationRow(id: string): Promise<boolean> {
  const { rowCount } = await pool().query({ name: "delete_conversation", text: DELETE_CONVERSATION, values: [id] });
  return rowCount === 1;
}

/** Deletes up to `limit` temporary chats past their time; returns how many went. */
export async function deleteExpiredConversations(limit: number): Promise<number> {
  const { rowCount } = await pool().query({ name: "delete_expired_conversations", text: DELETE_EXPIRED_CONVERSATIONS, values: [limit] });
  return rowCount ?? 0;
}

export async function keepConversationRow(id: string): Promise<boolean> {
  const { rowCount } = await pool().query({ name: "keep_conversation", text: KEEP_CONVERSATION, values: [id] });
  return rowCount === 1;
}

export async function isDeletedConversation(id: string): Promise<boolean> {
  const { rowCount } = await pool().query({ name: "select_deleted_conversation", text: SELECT_DELETED_CONVERSATION, values: [id] });
  return rowCount === 1;
}

export async function selectConversation(id: string): Promise<ConversationRow | undefined> {
  const { rows } = await pool().query<ConversationRow>({ name: "select_conversation", text: SELECT_CONVERSATION, values: [id] });
  return rows[0];
}

export async function selectConversations(ids: string[]): Promise<ConversationRow[]> {
  const { rows } = await pool().query<ConversationRow>({ name: "select_conversations", text: SELECT_CONVERSATIONS, values: [ids] });
  return rows;
}

/** `titlePattern` is an ILIKE pattern; `preferences` a JSON containment document. */
export async function searchConversationRows(
  ids: string[],
  titlePattern: string | null,
  preferences: string | null,
): Promise<ConversationRow[]> {
  const { rows } = await pool().query<ConversationRow>(SEARCH_CONVERSATIONS, [ids, titlePattern, preferences]);
  return rows;
}

export async function replaceProvisionalTitle(id: string, title: string, provisional: string): Promise<void> {
  await pool().query({ name: "replace_provisional_title", text: REPLACE_PROVISIONAL_TITLE, values: [id, title, provisional] });
}

/**
 * An imported conversation, created whole: its memory as its turns would have left it, and every
 * message up to $6 already counted. $1 id, $2 title, $3 created, $4 updated, $5 memory, $6 last seq.
 */
/** $7: the browser memory the imported conversation feeds (memory across chats), or NULL. */
export const INSERT_IMPORTED_CONVERSATION = `
  INSERT INTO "Conversation" ("id", "title", "createdAt", "updatedAt", "memoryBuffer", "lastSeq", "memoryId")
  VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6, $7::uuid)`;

export async function insertImportedConversation(
  values: { id: string; title: string; createdAt: Date; updatedAt: Date; memoryJson: string; lastSeq: number; memoryId: string | null },
  db: Queryable,
): Promise<void> {
  await db.query({
    name: "insert_imported_conversation",
    text: INSERT_IMPORTED_CONVERSATION,
    values: [values.id, values.title, values.createdAt, values.updatedAt, values.memoryJson, values.lastSeq, values.memoryId],
  });
}
