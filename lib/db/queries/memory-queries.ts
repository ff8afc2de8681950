import "server-only";
import { pool } from "../client";
import type { Queryable } from "../transaction";

/** memoryBuffer as stored (validated by the caller) and its version, for compare-and-set. */
export interface MemoryRow {
  memoryBuffer: unknown;
  memoryVersion: number;
  /** The branch this memory is the memory of: the current one. */
  branch: number;
}

export const SELECT_MEMORY = `SELECT "memoryBuffer", "memoryVersion", "branch" FROM "Conversation" WHERE "id" = $1::uuid`;

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
