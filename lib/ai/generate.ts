import type { BaseMessage } from "@langchain/core/messages";
import type { AppError } from "../errors";
import { classifyModelError } from "./classify-model-error";
import type { ChatModelHandle } from "./model";

export type GeneratedReply = { outcome: "complete" | "stopped"; text: string } | { outcome: "failed"; text: string; error: AppError };

/** PostgreSQL text cannot hold NUL, and JSONB rejects lone surrogates: replace both. */
export function storableText(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD").toWellFormed();
}

const chunkText = (content: unknown): string => (typeof content === "string" ? content : "");

/** Rejects once `signal` aborts: raced against each chunk, so a model that ignores the signal cannot hang a reply. */
function abortion(signal: AbortSignal): Promise<never> {
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  return aborted;
}

/**
 * Streams a reply, calling onDelta per token. Ends "stopped" when `signal` aborts, and "failed" with a
 * typed error when the model errs or sends nothing for the configured timeout; the text so far is kept.
 */
export async function generate(
  handle: ChatModelHandle,
  prompt: BaseMessage[],
  signal: AbortSignal,
  onDelta: (delta: string) => void,
): Promise<GeneratedReply> {
  const controller = new AbortController();
  const stop = () => controller.abort(signal.reason);
  signal.addEventListener("abort", stop, { once: true });
  let timedOut = false;
  // Re-armed by refresh() on every chunk: far cheaper than a new timer per token.
  const idle = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error("The model timed out."));
  }, handle.timeoutMs);
  const aborted = abortion(controller.signal);
  // The model's own iterator, not Runnable.stream(): that wraps every chunk in a web ReadableStream and
  // a context switch, which measured as over a quarter of the server's CPU per turn (README, Performance).
  const chunks = handle.model._streamIterator(prompt, { signal: controller.signal });
  let text = "";
  try {
    for (;;) {
      const next = await Promise.race([chunks.next(), aborted]);
      if (next.done) break;
      idle.refresh();
      const delta = storableText(chunkText(next.value.content));
      if (!delta) continue;
      text += delta;
      onDelta(delta);
    }
    return { outcome: "complete", text };
  } catch (error) {
    if (signal.aborted) return { outcome: "stopped", text };
    return { outcome: "failed", text, error: classifyModelError(error, timedOut) };
  } finally {
    clearTimeout(idle);
    signal.removeEventListener("abort", stop);
    // Ends the model's request when we stopped reading early; a model stuck mid-chunk is left to its signal.
    void chunks.return(undefined).catch(() => undefined);
  }
}
