import "server-only";
import { createUIMessageStream, type UIMessageChunk, type UIMessageStreamWriter } from "ai";
import { extractMemory } from "../ai/extract";
import type { ChatModelHandle } from "../ai/model";
import { toAppError } from "../errors";
import { extractOffline } from "../memory/extract";
import { startRun, type Run } from "./generation";
import type { MemoryLimits } from "./limits";
import { beginTurn } from "./turn-store";

export interface TurnRequest {
  conversationId: string;
  userMessageId: string;
  text: string;
}

/** Sent with the reply's first chunk, so the client knows the ids the database gave the turn. */
export interface TurnMetadata {
  conversationId: string;
  userMessageId?: string;
}

/** Writes that fail because the client went away are ignored: the reply is stored regardless. */
function safeWriter(writer: UIMessageStreamWriter): (chunk: UIMessageChunk) => void {
  return (chunk) => {
    try {
      writer.write(chunk);
    } catch {
      // the client disconnected
    }
  };
}

/** Tokens that arrive together leave in one frame; a lone token leaves at once. */
function coalescer(write: (delta: string) => void): { push(delta: string): void; flush(): void } {
  let pending = "";
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    clearImmediate(scheduled);
    scheduled = undefined;
    if (pending) write(pending);
    pending = "";
  };
  return {
    push(delta) {
      pending += delta;
      scheduled ??= setImmediate(flush);
    },
    flush,
  };
}

/** Streams a run's reply to one client, from its first character, until the run ends or the client leaves. */
export function streamRun(run: Run, metadata: TurnMetadata, signal: AbortSignal): ReadableStream<UIMessageChunk> {
  const id = run.turn.assistant.id;
  return createUIMessageStream({
    execute: ({ writer }) =>
      new Promise<void>((resolve, reject) => {
        const write = safeWriter(writer);
        const frames = coalescer((delta) => write({ type: "text-delta", id, delta }));
        write({ type: "start", messageId: id, messageMetadata: metadata });
        write({ type: "text-start", id });
        if (run.text) frames.push(run.text);
        const unwatch = run.watch({
          delta: frames.push,
          end(outcome) {
            unwatch();
            frames.flush();
            if (!outcome.ok) return reject(outcome.error);
            write({ type: "text-end", id });
            write({ type: "finish" });
            resolve();
          },
        });
        // A client that leaves stops listening; the run goes on and is stored.
        signal.addEventListener("abort", () => {
          unwatch();
          resolve();
        });
      }),
    onError: (error) => {
      const appError = toAppError(error);
      if (appError.code === "INTERNAL") console.error("[chat] Turn failed:", error);
      return JSON.stringify(appError.toJSON());
    },
  });
}

/**
 * One chat turn. The user message is stored before the model is called; the reply is generated
 * apart from this request, written as it grows, and committed with memory at the end: partial when
 * stopped, failed (with the user message kept and memory untouched) when the model fails.
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
  const run = startRun(turn, request.text, handle, limits, extraction);
  return streamRun(run, { conversationId: request.conversationId, userMessageId: request.userMessageId }, signal);
}
