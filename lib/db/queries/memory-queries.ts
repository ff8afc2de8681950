import "server-only";
import { pool } from "../client";
import { type Queryable, transaction } from "../transaction";

/** memoryBuffer as stored (validated by the caller) and its version, for compare-and-set. */
export interface MemoryRow {
  memoryBuffer: unknown;
  memoryVersion: number;
  /** The branch this memory is the memory of: the current one. */
  branch: number;
  /** The browser memory the conversation feeds (memory across chats), if any. */
  memoryId: string | null;
  /** Another browser's memory has written here. */
  othersWrote: boolean;
}

export const SELECT_MEMORY = `SELECT "memoryBuffer", "memoryVersion", "branch", "memoryId", "othersWrote" FROM "Conversation" WHERE "id" = $1::uuid`;

/** The same, holding the conversation's row lock until the transaction ends. */
export const LOCK_MEMORY = `${SELECT_MEMORY} FOR UPDATE`;

/** Writes memory only if no one changed it since `memoryVersion` was read: one statement, no lock held. */
export const COMPARE_AND_SET_MEMORY = `
  UPDATE "Conversation" SET "memoryBuffer" = $1::jsonb, "memoryVersion" = "memoryVersion" + 1
  WHERE "id" = $2::uuid AND "memoryVersion" = $3`;

export async function selectMemory(conversationId: string, db: Queryable = pool()): Promise<MemoryRow | undefined> {
  const { rows } = await db.query<MemoryRow>({ name: "select_memory", text: SELECT_MEMORY, values: [conversationId] });
  return rows[0];
}

export async function lockMemory(conversationId: string, db: Queryable): Promise<MemoryRow | undefined> {
  const { rows } = await db.query<MemoryRow>({ name: "lock_memory", text: LOCK_MEMORY, values: [conversationId] });
  return rows[0];
}

export async function compareAndSetMemory(
  conversationId: string,
  version: number,
  memoryJson: string,
  db: Queryable = pool(),
): Promise<boolean> {
  const { rowCount } = await db.query({
    name: "compare_and_set_memory",
    text: COMPARE_AND_SET_MEMORY,
    values: [memoryJson, conversationId, version],
  });
  return rowCount === 1;
}

/** A conversation that feeds a browser's memory (memory across chats). */
export interface MemoryConversationRow {
  id: string;
  memoryVersion: number;
  title: string | null;
}

/**
 * The conversations that feed memory $1, the most recently used first, at most $2: their versions
 * say which have a memory that changed since it was last read. Temporary chats feed none.
 */
export const SELECT_MEMORY_CONVERSATIONS = `
  SELECT "id", "memoryVersion", "title" FROM "Conversation"
  WHERE "memoryId" = $1::uuid AND "expiresAt" IS NULL
  ORDER BY "updatedAt" DESC LIMIT $2`;

/** What the memories of conversations $1 hold about the user, and where each item came from (validated by the caller). */
export interface ContributionRow {
  id: string;
  memoryVersion: number;
  preferences: unknown;
  facts: unknown;
  learned: unknown;
  createdAt: Date;
}

export const SELECT_CONTRIBUTIONS = `
  SELECT "id", "memoryVersion", "memoryBuffer"->'user_preferences' AS "preferences",
    "memoryBuffer"->'long_term_memory'->'facts' AS "facts", "memoryBuffer"->'learned' AS "learned", "createdAt"
  FROM "Conversation" WHERE "id" = ANY($1::uuid[])`;

/**
 * Conversations from before memory across chats ($2, those a browser holds) join memory $1: each
 * once, and only if nobody adopted it before. Returns their ids.
 */
export const ADOPT_CONVERSATIONS = `
  UPDATE "Conversation" SET "memoryId" = $1::uuid, "adoptable" = false
  WHERE "id" = ANY($2::uuid[]) AND "adoptable" AND "memoryId" IS NULL AND "expiresAt" IS NULL
  RETURNING "id"`;

/**
 * The term counts of conversations $1 follow them into the memory they feed. Run after
 * ADOPT_CONVERSATIONS in its transaction, as a statement of its own: its snapshot then holds the
 * counts that an indexing run wrote while the adoption waited for its conversation's row, and the
 * rows' locks keep later runs out until both are done.
 */
export const ADOPT_RECALL_TERMS = `
  UPDATE "RecallTerm" r SET "memoryId" = c."memoryId"
  FROM "Conversation" c
  WHERE c."id" = ANY($1::uuid[]) AND r."conversationId" = c."id" AND r."memoryId" IS DISTINCT FROM c."memoryId"`;

/** How many of conversations $1 (those a browser holds) are from before memory across chats and may join one. */
export const COUNT_ADOPTABLE = `
  SELECT count(*)::int AS "count" FROM "Conversation"
  WHERE "id" = ANY($1::uuid[]) AND "adoptable" AND "memoryId" IS NULL AND "expiresAt" IS NULL`;

export async function countAdoptable(ids: string[]): Promise<number> {
  const { rows } = await pool().query<{ count: number }>({ name: "count_adoptable", text: COUNT_ADOPTABLE, values: [ids] });
  return rows[0]?.count ?? 0;
}

export async function selectMemoryConversations(memoryId: string, limit: number): Promise<MemoryConversationRow[]> {
  const { rows } = await pool().query<MemoryConversationRow>({
    name: "select_memory_conversations",
    text: SELECT_MEMORY_CONVERSATIONS,
    values: [memoryId, limit],
  });
  return rows;
}

export async function selectContributions(ids: string[]): Promise<ContributionRow[]> {
  const { rows } = await pool().query<ContributionRow>({ name: "select_contributions", text: SELECT_CONTRIBUTIONS, values: [ids] });
  return rows;
}

export async function adoptConversations(memoryId: string, ids: string[]): Promise<string[]> {
  // One transaction: a failure between the two would leave the counts behind for good, since a retry adopts nothing.
  return transaction(async (client) => {
    const { rows } = await client.query<{ id: string }>({
      name: "adopt_conversations",
      text: ADOPT_CONVERSATIONS,
      values: [memoryId, ids],
    });
    const adopted = rows.map((row) => row.id);
    if (adopted.length > 0) await client.query({ name: "adopt_recall_terms", text: ADOPT_RECALL_TERMS, values: [adopted] });
    return adopted;
  });
}
