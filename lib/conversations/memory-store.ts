import "server-only";
import { pool } from "../db/client";
import { transaction, type Queryable } from "../db/transaction";
import { AppError } from "../errors";
import { readMemory } from "../memory/read";
import type { MemoryBuffer } from "../memory/schema";

/** Memory as stored, with the version that a compare-and-set must match. */
export interface StoredMemory {
  memory: MemoryBuffer;
  version: number;
}

/** Reads a stored buffer. An invalid one is repaired, never dropped: say so where an operator will see it. */
export function readStoredMemory(conversationId: string, raw: unknown): MemoryBuffer {
  const { memory, problem } = readMemory(raw, new Date());
  if (problem) {
    console.warn(`[memory] Conversation ${conversationId} had an invalid memoryBuffer; its content was kept under "recovered".\n${problem}`);
  }
  return memory;
}

export async function loadMemory(conversationId: string): Promise<StoredMemory> {
  const { rows } = await pool().query<{ memoryBuffer: unknown; memoryVersion: number }>({
    name: "load_memory",
    text: `SELECT "memoryBuffer", "memoryVersion" FROM "Conversation" WHERE "id" = $1::uuid`,
    values: [conversationId],
  });
  if (rows.length === 0) throw new AppError("NOT_FOUND");
  return { memory: readStoredMemory(conversationId, rows[0].memoryBuffer), version: rows[0].memoryVersion };
}

/** Writes memory only if no one changed it since `version` was read: one statement, no lock held. */
export async function compareAndSetMemory(conversationId: string, version: number, memory: MemoryBuffer, db: Queryable = pool()): Promise<boolean> {
  const { rowCount } = await db.query({
    name: "compare_and_set_memory",
    text: `UPDATE "Conversation" SET "memoryBuffer" = $1::jsonb, "memoryVersion" = "memoryVersion" + 1
           WHERE "id" = $2::uuid AND "memoryVersion" = $3`,
    values: [JSON.stringify(memory), conversationId, version],
  });
  return rowCount === 1;
}

/**
 * Read-modify-write of memoryBuffer under the conversation's row lock, so concurrent writers apply
 * one after another and none is lost. `change` returns null to leave memory as it is (and then so
 * does this); `alongside` writes other rows in the same transaction.
 */
export async function updateMemory(
  conversationId: string,
  change: (memory: MemoryBuffer) => MemoryBuffer | null,
  alongside?: (tx: Queryable) => Promise<unknown>,
): Promise<StoredMemory | null> {
  return transaction(async (tx) => {
    const { rows } = await tx.query<{ memoryBuffer: unknown; memoryVersion: number }>({
      name: "lock_memory",
      text: `SELECT "memoryBuffer", "memoryVersion" FROM "Conversation" WHERE "id" = $1::uuid FOR UPDATE`,
      values: [conversationId],
    });
    if (rows.length === 0) throw new AppError("NOT_FOUND");
    const { memoryBuffer, memoryVersion: version } = rows[0];
    const next = change(readStoredMemory(conversationId, memoryBuffer));
    await alongside?.(tx);
    if (next === null) return null;
    // Under the row lock the version cannot have moved: this always writes.
    await compareAndSetMemory(conversationId, version, next, tx);
    return { memory: next, version: version + 1 };
  });
}
