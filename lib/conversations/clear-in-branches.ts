import "server-only";
import { lockBranchState, selectStashedMemories, updateBranchMemory, updateMemoryClears } from "../db/queries/branch-queries";
import type { Queryable } from "../db/transaction";
import { readClears, withClear } from "../memory/clears";
import { type ClearScope, clearedMemory } from "../memory/update";
import { readStoredMemory } from "./memory-store";

/**
 * A Clear memory reaches every version of the conversation, inside the clear's transaction: the
 * memory each branch not shown keeps is cleared the same way, and the clear is recorded, so memory
 * restored from before it (an edit, a new version of a reply) has it applied again.
 */
export async function clearInBranches(conversationId: string, scope: ClearScope, at: Date, db: Queryable): Promise<void> {
  const state = await lockBranchState(conversationId, db);
  if (!state) return;
  await updateMemoryClears(
    conversationId,
    withClear(readClears(state.memoryClears), { through: state.lastSeq, scope, at: at.toISOString() }),
    db,
  );
  for (const stash of await selectStashedMemories(conversationId, db)) {
    const cleared = clearedMemory(readStoredMemory(conversationId, stash.memoryBuffer), scope, at);
    await updateBranchMemory(conversationId, stash.id, JSON.stringify(cleared), db);
  }
}
