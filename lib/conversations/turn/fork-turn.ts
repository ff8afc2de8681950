import "server-only";
import { randomUUID } from "node:crypto";
import { fallbackTitle } from "../../ai/title";
import {
  enterBranch,
  insertBranch,
  lockBranchState,
  selectBranches,
  selectForkTarget,
  selectPathPredecessor,
  stashBranch,
} from "../../db/queries/branch-queries";
import { isDeletedConversation } from "../../db/queries/conversation-queries";
import { insertRetryReply, insertTurn } from "../../db/queries/message-queries";
import { transaction } from "../../db/transaction";
import { AppError } from "../../errors";
import type { MemoryLimits } from "../../memory/bounds";
import { applyClearsSince, readClears } from "../../memory/clears";
import { forkPath, ROOT_PATH } from "../branch-path";
import { memoryBefore } from "../memory-before";
import type { ChatRequest } from "./chat-request";
import { type StartedTurn, startedTurn } from "./chat-turn";
import { instanceId } from "./instance-id";

/** Branches a conversation may have: each keeps up to MEMORY_MAX_BYTES of memory while another is current. */
export const MAX_BRANCHES = 500;

/**
 * Starts a turn on a new branch: an edit of one of the user's messages, or a new version of a reply.
 * Under the conversation's row lock, in one transaction: the current branch keeps its memory on its
 * row; the new one continues the edited message's branch after the message before it, with memory as
 * that message's turn found it (read from its checkpoint, not replayed); it becomes current, and the
 * turn is stored on it like any other. Two tabs editing the same message get two branches.
 */
export async function beginFork(request: ChatRequest, client: string, limits: MemoryLimits): Promise<StartedTurn> {
  const { conversationId, fork } = request;
  if (!fork) throw new Error("beginFork needs an edit or a regenerate.");
  const replyId = randomUUID();
  return transaction(async (tx) => {
    const state = await lockBranchState(conversationId, tx);
    if (!state) throw new AppError((await isDeletedConversation(conversationId)) ? "DELETED" : "NOT_FOUND");
    const target = await selectForkTarget(fork.messageId, conversationId, tx);
    const wanted = fork.kind === "edit" ? "user" : "assistant";
    if (!target || target.role !== wanted || target.status === "streaming") {
      throw new AppError("BAD_REQUEST", fork.kind === "edit" ? "That message cannot be edited." : "That reply cannot be regenerated.");
    }
    const branches = await selectBranches(conversationId, tx);
    if (branches.length >= MAX_BRANCHES) throw new AppError("TOO_MANY_VERSIONS");
    const path =
      target.branch === state.branch
        ? { branches: state.pathBranches, ends: state.pathEnds }
        : (branches.find((branch) => branch.id === target.branch)?.path ?? ROOT_PATH);
    const parent = await selectPathPredecessor(conversationId, target.seq, path, false, tx);
    const user = fork.kind === "edit" ? target : await selectPathPredecessor(conversationId, target.seq, path, true, tx);
    if (!user) throw new AppError("BAD_REQUEST", "That reply answers no message of yours.");
    if (fork.kind === "regenerate" && user.content !== request.text)
      throw new AppError("BAD_REQUEST", "That reply answers another message.");
    // What was cleared since that turn stays forgotten.
    const memory = applyClearsSince(
      await memoryBefore(conversationId, user.seq, path, limits, tx),
      readClears(state.memoryClears),
      user.seq,
    );

    const id = Math.max(0, ...branches.map((branch) => branch.id)) + 1;
    const after = parent ? { branch: parent.branch, seq: parent.seq } : null;
    const branchPath = forkPath(path, after, id);
    await stashBranch(conversationId, state.branch, state.memoryBuffer, tx);
    await insertBranch(conversationId, { id, parent: after?.branch ?? 0, forkSeq: after?.seq ?? 0, path: branchPath }, tx);
    await enterBranch(conversationId, id, branchPath, JSON.stringify(memory), tx);

    const row =
      fork.kind === "edit"
        ? await insertTurn(
            {
              conversationId,
              provisionalTitle: fallbackTitle(request.text),
              userMessageId: request.userMessageId,
              text: request.text,
              replyId,
              generator: instanceId(),
              client,
              mayCreate: false,
              model: request.model,
              memoryId: request.memoryId ?? null,
              acrossChats: !request.acrossChatsOff,
            },
            tx,
          )
        : await insertRetryReply(conversationId, user.id, replyId, instanceId(), client, request.model, request.memoryId ?? null, tx);
    if (!row) throw new AppError("NOT_FOUND");
    const userMessage =
      fork.kind === "edit"
        ? { id: request.userMessageId, seq: row.lastSeq - 1, role: "user" as const, content: request.text }
        : {
            id: user.id,
            seq: user.seq,
            role: "user" as const,
            content: user.content,
            createdAt: user.createdAt,
            feedsMemory: user.feedsMemory,
          };
    return startedTurn(conversationId, row, userMessage, replyId, request.memoryId ?? null, !request.acrossChatsOff);
  });
}
