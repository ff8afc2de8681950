import type { BaseMessage } from "@langchain/core/messages";
import type { AppError } from "../errors";
import { classifyModelError } from "./errors";
import type { ChatModelHandle } from "./model";

export type Generation =
  | { outcome: "complete" | "stopped"; text: string }
  | { outcome: "failed"; text: string; error: AppError };

/** PostgreSQL text cannot hold NUL, and JSONB rejects lone surrogates: replace both. */
export function storableText(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD").toWellFormed();
}

const chunkText = (content: unknown): string => (typeof content === "string" ? content : "");

/**
 * Streams a reply, calling onDelta per token. Ends "stopped" when `signal` aborts, and "failed" with a
 * typed error when the model errs or sends nothing for the configured timeout; the text so far is kept.
 */
export async function generate(
  handle: ChatModelHandle,
  prompt: BaseMessage[],
  signal: AbortSignal,
  onDelta: (delta: string) => void,
): Promise<Generation> {
  const controller = new AbortController();
  const stop = () => controller.abort(signal.reason);
  signal.addEventListener("abort", stop, { once: true });
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error("The model timed out."));
    }, handle.timeoutMs);
  };
  let text = "";
  try {
    arm();
    const stream = await handle.model.stream(prompt, { signal: controller.signal });
    for await (const chunk of stream) {
      arm();
      const delta = storableText(chunkText(chunk.content));
      if (!delta) continue;
      text += delta;
      onDelta(delta);
    }
    return { outcome: "complete", text };
  } catch (error) {
    if (signal.aborted) return { outcome: "stopped", text };
    return { outcome: "failed", text, error: classifyModelError(error, timedOut) };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", stop);
  }
}
