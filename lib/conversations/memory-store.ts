import "server-only";
import { db, pool } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { readMemory } from "../memory/read";
import type { MemoryBuffer } from "../memory/schema";

export type Tx = Prisma.TransactionClient;

/** Invalid buffers are repaired, never dropped: say so where an operator will see it. */
export function reportRecovery(conversationId: string, problem: string | undefined): void {
  if (problem) {
    console.warn(`[memory] Conversation ${conversationId} had an invalid memoryBuffer; its content was kept under "recovered".\n${problem}`);
  }
}

export async function loadMemory(conversationId: string): Promise<{ memory: MemoryBuffer; version: number }> {
  const rows = await db().$queryRaw<{ memoryBuffer: unknown; memoryVersion: number }[]>`
    SELECT "memoryBuffer", "memoryVersion" FROM "Conversation" WHERE "id" = ${conversationId}::uuid`;
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

export function writeMemory(tx: Tx, conversationId: string, memory: MemoryBuffer) {
  return tx.$executeRaw`
    UPDATE "Conversation" SET "memoryBuffer" = ${JSON.stringify(memory)}::jsonb, "memoryVersion" = "memoryVersion" + 1
    WHERE "id" = ${conversationId}::uuid`;
}

/**
 * Read-modify-write of memoryBuffer under the conversation's row lock, so concurrent writers apply
 * one after another and none is lost. `change` returns null to leave memory as it is; `alongside`
 * writes other rows in the same transaction.
 */
export async function updateMemory(
  conversationId: string,
  change: (memory: MemoryBuffer) => MemoryBuffer | null,
  alongside?: (tx: Tx) => Promise<unknown>,
): Promise<MemoryBuffer | null> {
  return db().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ memoryBuffer: unknown }[]>`
        SELECT "memoryBuffer" FROM "Conversation" WHERE "id" = ${conversationId}::uuid FOR UPDATE`;
      if (rows.length === 0) throw new AppError("NOT_FOUND");
      const { memory, problem } = readMemory(rows[0].memoryBuffer, new Date());
      reportRecovery(conversationId, problem);
      const next = change(memory);
      await alongside?.(tx);
      if (next !== null) await writeMemory(tx, conversationId, next);
      return next;
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}
