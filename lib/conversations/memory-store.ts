import "server-only";
import { lockBranchMemory, updateBranchMemory } from "../db/queries/branch-queries";
import { compareAndSetMemory, lockMemory, selectMemory } from "../db/queries/memory-queries";
import { type Queryable, transaction } from "../db/transaction";
import { AppError } from "../errors";
import { readMemory } from "../memory/read-memory";
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
    console.warn(
      `[memory] Conversation ${conversationId} had an invalid memoryBuffer; its content was kept under "recovered".\n${problem}`,
    );
  }
  return memory;
}

export async function loadMemory(conversationId: string): Promise<StoredMemory> {
  const row = await selectMemory(conversationId);
  if (!row) throw new AppError("NOT_FOUND");
  return { memory: readStoredMemory(conversationId, row.memoryBuffer), version: row.memoryVersion };
}

/** Writes memory only if it is still at `version`. */
export const saveMemoryIfUnchanged = (conversationId: string, version: number, memory: MemoryBuffer): Promise<boolean> =>
  compareAndSetMemory(conversationId, version, JSON.stringify(memory));

/**
 * Read-modify-write of memoryBuffer under the conversation's row lock, so concurrent writers apply
 * one after another and none is lost. `change` returns null to leave memory as it is (and then so
 * does this); `alongside` writes other rows in the same transaction. Given a `branch` that is no
 * longer current (a turn that ends after another tab switched away from it), that branch's memory
 * is changed instead, on its row; null is returned then, as the conversation's memory is not it.
 */
export async function updateMemory(
  conversationId: string,
  change: (memory: MemoryBuffer) => MemoryBuffer | null,
  alongside?: (tx: Queryable) => Promise<unknown>,
  branch?: number,
): Promise<StoredMemory | null> {
  return transaction(async (tx) => {
    const row = await lockMemory(conversationId, tx);
    if (!row) throw new AppError("NOT_FOUND");
    if (branch !== undefined && branch !== row.branch) {
      const stashed = await lockBranchMemory(conversationId, branch, tx);
      const next = stashed && change(readStoredMemory(conversationId, stashed.memoryBuffer));
      await alongside?.(tx);
      if (next) await updateBranchMemory(conversationId, branch, JSON.stringify(next), tx);
      return null;
    }
    const next = change(readStoredMemory(conversationId, row.memoryBuffer));
    await alongside?.(tx);
    if (next === null) return null;
    // Under the row lock the version cannot have moved: this always writes.
    await compareAndSetMemory(conversationId, row.memoryVersion, JSON.stringify(next), tx);
    return { memory: next, version: row.memoryVersion + 1 };
  });
}
