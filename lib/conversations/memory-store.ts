import "server-only";
import { pool } from "../db/client";
import { transaction, type Queryable } from "../db/transaction";
import { AppError } from "../errors";
import { readMemory } from "../memory/read";
import type { MemoryBuffer } from "../memory/schema";

/** Invalid buffers are repaired, never dropped: say so where an operator will see it. */
export function reportRecovery(conversationId: string, problem: string | undefined): void {
  if (problem) {
    console.warn(`[memory] Conversation ${conversationId} had an invalid memoryBuffer; its content was kept under "recovered".\n${problem}`);
  }
}

export async function loadMemory(conversationId: string): Promise<{ memory: MemoryBuffer; version: number }> {
  const { rows } = await pool().query<{ memoryBuffer: unknown; memoryVersion: number }>({
    name: "load_memory",
    text: `SELECT "memoryBuffer", "memoryVersion" FROM "Conversation" WHERE "id" = $1::uuid`,
    values: [conversationId],
  });
  if (rows.length === 0) throw new AppError("NOT_FOUND");
  const { memory, problem } = readMemory(rows[0].memoryBuffer, new Date());
  reportRecovery(conversationId, problem);
  return { memory, version: rows[0].memoryVersion };
}

/** Writes memory only if no one changed it since `version` was read: one statement, no lock held. */
export async function compareAndSetMemory(conversationId: string, version: number, memory: MemoryBuffer): Promise<boolean> {
  const { rowCount } = await pool().query({
    name: "compare_and_set_memory",
    text: `UPDATE "Conversation" SET "memoryBuffer" = $1::jsonb, "memoryVersion" = "memoryVersion" + 1
           WHERE "id" = $2::uuid AND "memoryVersion" = $3`,
    values: [JSON.stringify(memory), conversationId, version],
  });
  return rowCount === 1;
}

/**
 * Read-modify-write of memoryBuffer under the conversation's row lock, so concurrent writers apply
 * one after another and none is lost. `change` returns null to leave memory as it is; `alongside`
 * writes other rows in the same transaction.
 */
export async function updateMemory(
  conversationId: string,
  change: (memory: MemoryBuffer) => MemoryBuffer | null,
  alongside?: (tx: Queryable) => Promise<unknown>,
): Promise<MemoryBuffer | null> {
  return transaction(async (tx) => {
    const { rows } = await tx.query<{ memoryBuffer: unknown }>({
      name: "lock_memory",
      text: `SELECT "memoryBuffer" FROM "Conversation" WHERE "id" = $1::uuid FOR UPDATE`,
      values: [conversationId],
    });
    if (rows.length === 0) throw new AppError("NOT_FOUND");
    const { memory, problem } = readMemory(rows[0].memoryBuffer, new Date());
    reportRecovery(conversationId, problem);
    const next = change(memory);
    await alongside?.(tx);
    if (next !== null) {
      await tx.query({
        name: "write_memory",
        text: `UPDATE "Conversation" SET "memoryBuffer" = $1::jsonb, "memoryVersion" = "memoryVersion" + 1 WHERE "id" = $2::uuid`,
        values: [JSON.stringify(next), conversationId],
      });
    }
    return next;
  });
}
