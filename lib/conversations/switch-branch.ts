import "server-only";
import { enterBranch, lockBranchMemory, lockBranchState, stashBranch } from "../db/queries/branch-queries";
import { isDeletedConversation } from "../db/queries/conversation-queries";
import { transaction } from "../db/transaction";
import { AppError } from "../errors";

/**
 * Makes another branch current (Previous version / Next version): the one left keeps its memory on
 * its row, and the chosen one's becomes the conversation's. One transaction under the row lock: no
 * turn is replayed, whatever the branch's length. Every tab and instance following hears of it.
 */
export async function switchBranch(conversationId: string, branch: number): Promise<void> {
  await transaction(async (tx) => {
    const state = await lockBranchState(conversationId, tx);
    if (!state) throw new AppError((await isDeletedConversation(conversationId)) ? "DELETED" : "NOT_FOUND");
    if (state.branch === branch) return;
    const target = await lockBranchMemory(conversationId, branch, tx);
    if (!target) throw new AppError("VERSION_NOT_FOUND");
    await stashBranch(conversationId, state.branch, state.memoryBuffer, tx);
    const path = { branches: target.pathBranches, ends: target.pathEnds };
    await enterBranch(conversationId, branch, path, JSON.stringify(target.memoryBuffer ?? null), tx);
  });
}
