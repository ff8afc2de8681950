/*
 * One chat turn, top to bottom:
 *  1. app/api/chat/route.ts  validates the request (chat-request.ts) and calls startChatTurn below,
 *                            which first counts it against the abuse limits (lib/limits: one statement).
 *  2. beginTurn (below)      one statement stores the user message and an empty streaming reply,
 *                            before the model is called (INSERT_TURN in lib/db/queries/message-queries.ts).
 *  3. reply-run.ts           builds the prompt (recall.ts: memory plus older messages found for this one, and
 *                            with memory across chats what the user's other chats know: lib/saved-memories),
 *                            generates the reply apart from the request, flushing its text every 250 ms,
 *                            so a reload, another tab or another instance can follow it (follow-reply.ts).
 *  4. stream-reply.ts        streams the reply to the client that asked for it.
 *  5. finishTurn (below)     one statement stores the reply with the new memory (FINISH_TURN), or the
 *                            reply is marked failed with memory untouched.
 *  6. off the reply's path   the turn's messages are indexed for search and recall; after-turn.ts folds
 *                            the window into the summary, embeds what left it, improves the title.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { UIMessageChunk } from "ai";
import { extractWithModel } from "../../ai/extract-with-model";
import type { GeneratedReply } from "../../ai/generate";
import { type ChatModelHandle, chatModel, modelForReply } from "../../ai/model";
import { modelFor, offeredModels } from "../../ai/offered-models";
import { fallbackTitle } from "../../ai/title";
import { seesImages } from "../../ai/vision-models";
import { attachmentsForTurn, attachToMessage, promptMessage, turnText } from "../../attachments/turn-attachments";
import { isUniqueViolation } from "../../db/pg-errors";
import { isDeletedConversation } from "../../db/queries/conversation-queries";
import {
  endReply,
  finishTurnIfUnchanged,
  insertRetryReply,
  insertTurn,
  selectMessage,
  type TurnStartRow,
} from "../../db/queries/message-queries";
import { indexForRecall } from "../../db/queries/recall-queries";
import { env, memoryLimits } from "../../env";
import { AppError } from "../../errors";
import { budgetedModel, chargePromptOverrun, enforceTurnLimits } from "../../limits/enforce-limits";
import type { Extraction, MemoryLimits } from "../../memory/bounds";
import { extractOffline } from "../../memory/extract-offline";
import type { MemoryMessage } from "../../memory/messages";
import type { MemoryBuffer } from "../../memory/schema";
import { countTokens } from "../../memory/tokens";
import { applyTurn, type Exchange } from "../../memory/update";
import { planFold } from "../../memory/window";
import { memoryReadBy } from "../../saved-memories/memory-read-by";
import { scheduleEmbedding } from "../embedding-queue";
import { isRandomId } from "../inputs";
import { readStoredMemory, updateMemory } from "../memory-store";
import { assemblePrompt } from "../recall";
import { scheduleAfterTurn } from "./after-turn";
import type { ChatRequest } from "./chat-request";
import { beginFork } from "./fork-turn";
import { instanceId } from "./instance-id";
import { createReplyRun, isShuttingDown } from "./reply-run";
import { streamReply } from "./stream-reply";

/** A turn as stored by beginTurn: its two messages, and memory as the turn found it. */
export interface StartedTurn {
  conversationId: string;
  user: MemoryMessage;
  reply: MemoryMessage;
  memory: MemoryBuffer;
  /** For the compare-and-set at the end. */
  memoryVersion: number;
  /** The conversation's first turn: its title is the provisional one from the first message. */
  first: boolean;
  /** The conversation's model (NULL: the default). */
  model: string | null;
  /** The branch it is stored on: memory is written to that branch's, even if another became current meanwhile. */
  branch: number;
  /**
   * The browser memory whose saved memories this turn reads (memory across chats): set only when the
   * turn comes from the memory the conversation feeds, and nobody else has written in it. Otherwise
   * (memory across chats off, a temporary chat, someone else's conversation, or one they write in too)
   * the turn knows this conversation only.
   */
  memoryId: string | null;
  /** What the user message teaches joins memory across chats: as it was stored (Message.feedsMemory). */
  feedsMemory: boolean;
  /** When the user message was stored: when what it teaches was said. */
  saidAt: Date;
}

/**
 * A started turn. `user.feedsMemory`: an existing user message (a Retry, a new version of a reply)
 * teaches as it was stored, whoever asks again; a new one feeds memory when it comes from the memory
 * the conversation feeds, with memory across chats on (`acrossChats`).
 */
export function startedTurn(
  conversationId: string,
  row: TurnStartRow,
  user: MemoryMessage & { createdAt?: Date; feedsMemory?: boolean },
  replyId: string,
  memoryId: string | null,
  acrossChats = true,
): StartedTurn {
  const owner = acrossChats && memoryId !== null && row.memoryId === memoryId;
  return {
    conversationId,
    user,
    reply: { id: replyId, seq: row.lastSeq, role: "assistant", content: "" },
    memory: readStoredMemory(conversationId, row.memoryBuffer),
    memoryVersion: row.memoryVersion,
    first: row.lastSeq === 2,
    model: row.model,
    branch: row.branch,
    memoryId: memoryReadBy(row, acrossChats ? memoryId : null),
    feedsMemory: user.feedsMemory ?? owner,
    saidAt: user.createdAt ?? row.userCreatedAt ?? new Date(),
  };
}

/**
 * Stores the user message and an empty streaming reply after it, before the model is called. The same
 * user message sent again (a Retry) is kept once, and only a new reply is added.
 */
export async function beginTurn(
  {
    conversationId,
    userMessageId,
    text,
    model,
    memoryId,
    temporary,
    acrossChatsOff,
  }: Pick<ChatRequest, "conversationId" | "userMessageId" | "text" | "model" | "memoryId" | "temporary" | "acrossChatsOff">,
  client: string,
): Promise<StartedTurn> {
  const replyId = randomUUID();
  const generator = instanceId();
  try {
    const row = await insertTurn({
      conversationId,
      provisionalTitle: fallbackTitle(text),
      userMessageId,
      text,
      replyId,
      generator,
      client,
      mayCreate: isRandomId(conversationId),
      model,
      memoryId: memoryId ?? null,
      temporary,
      acrossChats: !acrossChatsOff,
    });
    if (!row) {
      // Deleted elsewhere (another tab, another device): not started again under the same id.
      if (await isDeletedConversation(conversationId)) throw new AppError("DELETED");
      // Only a random id may start a conversation: a nil, all-ones or hand-made id would be shared or guessed.
      throw new AppError("INVALID_ID", "A new conversation needs a random id (a version-4 UUID).");
    }
    return startedTurn(
      conversationId,
      row,
      { id: userMessageId, seq: row.lastSeq - 1, role: "user", content: text },
      replyId,
      memoryId ?? null,
      !acrossChatsOff,
    );
  } catch (error) {
    if (!isUniqueViolation(error, "Message_pkey")) throw error;
  }
  const existing = await selectMessage(userMessageId);
  if (!existing || existing.conversationId !== conversationId || existing.role !== "user" || existing.content !== text) {
    throw new AppError("BAD_REQUEST", "That message id is already used by another message.");
  }
  const row = await insertRetryReply(conversationId, userMessageId, replyId, generator, client, model, memoryId ?? null);
  // Another tab showed another version meanwhile: the reply would answer a message that is not on it.
  if (!row) throw new AppError((await isDeletedConversation(conversationId)) ? "DELETED" : "BRANCH_CHANGED");
  return startedTurn(
    conversationId,
    row,
    {
      id: userMessageId,
      seq: existing.seq,
      role: "user",
      content: text,
      createdAt: existing.createdAt,
      feedsMemory: existing.feedsMemory,
    },
    replyId,
    memoryId ?? null,
    !acrossChatsOff,
  );
}

/**
 * Stores the reply and the new memory together, and returns that memory (null if the conversation
 * was deleted meanwhile). Usually one statement, which writes only if no other turn changed memory
 * since this one began; otherwise the turn is applied again under the row lock.
 */
export async function finishTurn(
  turn: StartedTurn,
  reply: { text: string; status: "complete" | "stopped"; extraction: Extraction },
  maxBytes: number,
): Promise<MemoryBuffer | null> {
  const exchange: Exchange = {
    user: turn.user,
    assistant: reply.text ? { ...turn.reply, content: reply.text } : null,
    extraction: reply.extraction,
    at: new Date(),
    saidAt: turn.saidAt,
    feedsMemory: turn.feedsMemory,
  };
  const next = applyTurn(turn.memory, exchange, maxBytes);
  const written = await finishTurnIfUnchanged({
    memoryJson: JSON.stringify(next),
    conversationId: turn.conversationId,
    memoryVersion: turn.memoryVersion,
    text: reply.text,
    status: reply.status,
    replyId: turn.reply.id,
  });
  if (written) return next;
  try {
    const stored = await updateMemory(
      turn.conversationId,
      (memory) => applyTurn(memory, exchange, maxBytes),
      (tx) => endReply(turn.reply.id, reply.text, reply.status, tx),
      turn.branch,
    );
    return stored?.memory ?? null;
  } catch (error) {
    // A conversation deleted mid-turn took its messages with it: nothing is left to store.
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

/** Instructions and the schema of the extraction call, besides the message itself. */
const EXTRACTION_PROMPT_TOKENS = 300;

export interface TurnOptions {
  /** Ends the stream to this client (the reply goes on). */
  signal: AbortSignal;
  /** Who asked (lib/limits/client-address.ts): what the turn counts against. */
  client: string;
  handle?: ChatModelHandle;
  limits?: MemoryLimits;
}

/**
 * A chat turn: stores the user message, starts the reply apart from this request, and streams it.
 * What the user says about themselves is extracted beside the reply, never in front of its first token.
 */
export async function startChatTurn(
  request: ChatRequest,
  { signal, client, handle: given, limits = memoryLimits() }: TurnOptions,
): Promise<ReadableStream<UIMessageChunk>> {
  if (isShuttingDown()) throw new AppError("SHUTTING_DOWN");
  if (request.model && !(await offeredModels()).includes(request.model)) throw new AppError("UNKNOWN_MODEL");
  // Files sent with the message: checked before anything is stored; words, if it has none, that say what they are.
  const files = await attachmentsForTurn(
    request.conversationId,
    request.userMessageId,
    request.attachments ?? [],
    env().ATTACHMENTS_PER_MESSAGE,
    request.keep?.length,
  );
  request = { ...request, text: turnText(request.text, files) };
  await enforceTurnLimits({ client, conversationId: request.conversationId, text: request.text }, given ?? chatModel());
  // An edit or a new version of a reply starts a branch, with memory as that turn found it.
  const turn = request.fork
    ? // The same edit sent twice (a network retry) finds its message stored: then it is a plain Retry.
      await beginFork(request, client, limits).catch((error: unknown) => {
        if (isUniqueViolation(error, "Message_pkey")) return beginTurn(request, client);
        throw error;
      })
    : await beginTurn(request, client);
  const edited = request.fork?.kind === "edit" ? request.fork.messageId : null;
  await attachToMessage(
    turn.conversationId,
    request.attachments ?? [],
    turn.user.id,
    edited && request.keep ? { from: edited, ids: request.keep } : null,
  );
  // The conversation's model answers, summarizes, extracts and titles.
  const handle = given ?? chatModel(await modelFor(turn.model));
  const extraction = budgetedModel(handle, client, countTokens(request.text) + EXTRACTION_PROMPT_TOKENS)
    .then((model) => extractWithModel(model, request.text))
    .catch(() => extractOffline(request.text));
  const settle = async (reply: GeneratedReply) => {
    if (reply.outcome === "failed") return endReply(turn.reply.id, reply.text, "failed");
    const memory = await finishTurn(turn, { text: reply.text, status: reply.outcome, extraction: await extraction }, limits.maxBytes);
    // Searchable at once, and embedded soon, off the reply's path (recall itself reads only what has left the window).
    void indexForRecall(turn.conversationId).then(
      () => scheduleEmbedding(turn.conversationId, client),
      (error: unknown) => console.warn(`[memory] Could not index conversation ${turn.conversationId}; its next turn will.`, error),
    );
    const overflowing = memory !== null && planFold(memory, limits.windowTokens) !== null;
    const retitle = turn.first && handle.kind !== "offline";
    if (overflowing || retitle) scheduleAfterTurn(turn.conversationId, { handle, limits, client }, retitle ? request.text : undefined);
  };
  let releaseImages: (() => void) | undefined;
  const run = createReplyRun(turn.conversationId, turn.reply.id).start({
    // A regenerated reply is worded anew by the offline model (its branch picks how); any other, the usual way.
    handle: modelForReply(handle, request.fork?.kind === "regenerate" ? turn.branch : 0),
    prompt: async () => {
      const across = turn.memoryId ? { memoryId: turn.memoryId, otherChats: !request.otherChatsOff } : null;
      const seeing = async () => handle.kind === "openai" && seesImages(handle.name);
      const parts = await assemblePrompt(turn.conversationId, turn.memory, request.text, across, {
        id: turn.user.id,
        read: () => promptMessage(turn.conversationId, turn.user.id, request.text, { name: handle.name, seesImages: seeing }),
      });
      releaseImages = parts.find((part) => part.release)?.release;
      await chargePromptOverrun(handle, { client, text: request.text, prompt: parts });
      return parts.map((part) => part.message);
    },
    // The images sent (prompt-images.ts) are let go once the model is done with them.
    generated: () => releaseImages?.(),
    settle,
  });
  return streamReply(run, { conversationId: turn.conversationId, userMessageId: turn.user.id, branch: turn.branch }, signal);
}
