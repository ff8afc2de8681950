import "server-only";
import { createUIMessageStream, type UIMessageChunk, type UIMessageStreamWriter } from "ai";
import { AppError, toAppError } from "../../errors";
import type { ReplyRun } from "./reply-run";

/** Sent with the reply's first chunk, so the client knows the ids the database gave the turn. */
export interface ReplyMetadata {
  conversationId: string;
  userMessageId?: string;
  /** The branch the turn is on: after an edit, a new one. */
  branch?: number;
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

/** The stream's error chunk: a typed error, never a stack. A reply's own failures were logged by its run. */
export function streamErrorText(error: unknown): string {
  if (!(error instanceof AppError)) console.error("[chat] Streaming a reply failed:", error);
  return JSON.stringify(toAppError(error).toJSON());
}

/** Streams a run's reply to one client, from its first character, until the run ends or the client leaves. */
export function streamReply(run: ReplyRun, metadata: ReplyMetadata, signal: AbortSignal): ReadableStream<UIMessageChunk> {
  const id = run.replyId;
  return createUIMessageStream({
    execute: ({ writer }) =>
      new Promise<void>((resolve, reject) => {
        const write = safeWriter(writer);
        const frames = coalescer((delta) => write({ type: "text-delta", id, delta }));
        write({ type: "start", messageId: id, messageMetadata: metadata });
        write({ type: "text-start", id });
        if (run.text) frames.push(run.text);
        const unlisten = run.listen({
          delta: frames.push,
          end(outcome) {
            unlisten();
            frames.flush();
            if (!outcome.ok) return reject(outcome.error);
            write({ type: "text-end", id });
            write({ type: "finish" });
            resolve();
          },
        });
        // A client that leaves stops listening; the run goes on and is stored.
        signal.addEventListener("abort", () => {
          unlisten();
          resolve();
        });
      }),
    onError: streamErrorText,
  });
}
