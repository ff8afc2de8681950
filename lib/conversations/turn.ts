import "server-only";
import { createUIMessageStream, type UIMessageChunk } from "ai";
import { extractMemory } from "../ai/extract";
import { generate } from "../ai/generate";
import type { ChatModelHandle } from "../ai/model";
import { toAppError } from "../errors";
import { extractOffline } from "../memory/extract";
import { buildPrompt } from "../memory/prompt";
import { planFold } from "../memory/window";
import type { MemoryLimits } from "./limits";
import { scheduleMaintenance } from "./maintenance";
import { beginTurn, failTurn, finishTurn } from "./turn-store";

export interface TurnRequest {
  conversationId: string;
  userMessageId: string;
  text: string;
}

/** Sent with the reply's first chunk, so the client knows the ids the database gave the turn. */
export interface TurnMetadata {
  conversationId: string;
  userMessageId: string;
}

/**
 * One chat turn as an AI SDK UI message stream. The user message is stored before the model is
 * called; the reply and memory are committed together at the end, partial when stopped; a model
 * failure keeps the user message, marks the reply failed and leaves memory as it was.
 */
export async function startTurn(
  request: TurnRequest,
  signal: AbortSignal,
  handle: ChatModelHandle,
  limits: MemoryLimits,
): Promise<ReadableStream<UIMessageChunk>> {
  const turn = await beginTurn(request.conversationId, request.userMessageId, request.text);
  // Extraction runs beside the reply, never in front of its first token.
  const extraction = extractMemory(handle, request.text).catch(() => extractOffline(request.text));
  const metadata: TurnMetadata = { conversationId: request.conversationId, userMessageId: request.userMessageId };

  return createUIMessageStream({
    execute: async ({ writer }) => {
      const write = (chunk: UIMessageChunk) => {
        try {
          writer.write(chunk);
        } catch {
          // The client went away; the reply is still stored.
        }
      };
      write({ type: "start", messageId: turn.assistant.id, messageMetadata: metadata });
      write({ type: "text-start", id: turn.assistant.id });
      // Tokens that arrive together leave in one frame; a lone token leaves at once.
      let pending = "";
      let scheduled: NodeJS.Immediate | undefined;
      const flush = () => {
        scheduled = undefined;
        if (pending) write({ type: "text-delta", id: turn.assistant.id, delta: pending });
        pending = "";
      };
      const result = await generate(handle, buildPrompt(turn.memory, request.text), signal, (delta) => {
        pending += delta;
        scheduled ??= setImmediate(flush);
      });
      clearImmediate(scheduled);
      flush();
      if (result.outcome === "failed") {
        await failTurn(turn, result.text);
        throw result.error;
      }
      const memory = await finishTurn(
        turn,
        { text: result.text, status: result.outcome, extraction: await extraction },
        limits.maxBytes,
      );
      const overflowing = memory !== null && planFold(memory, limits.windowTokens) !== null;
      const retitle = turn.first && handle.kind !== "offline";
      if (overflowing || retitle) {
        scheduleMaintenance(request.conversationId, handle, limits, retitle ? request.text : undefined);
      }
      write({ type: "text-end", id: turn.assistant.id });
      write({ type: "finish" });
    },
    onError: (error) => {
      const appError = toAppError(error);
      if (appError.code === "INTERNAL") console.error("[chat] Turn failed:", error);
      return JSON.stringify(appError.toJSON());
    },
  });
}
