import { CallbackManager } from "@langchain/core/callbacks/manager";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage, BaseMessageChunk } from "@langchain/core/messages";
import type { ChatGenerationChunk } from "@langchain/core/outputs";
import type { AppError } from "../errors";
import { classifyModelError } from "./classify-model-error";
import type { ChatModelHandle } from "./model";

export type GeneratedReply = { outcome: "complete" | "stopped"; text: string } | { outcome: "failed"; text: string; error: AppError };

/** PostgreSQL text cannot hold NUL, and JSONB rejects lone surrogates: replace both. */
export function storableText(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD").toWellFormed();
}

/** A chunk from the model's raw stream (a generation) or from LangChain's own iterator (a message). */
type ModelChunk = ChatGenerationChunk | BaseMessageChunk;

/**
 * The model's chunks. Its raw stream when no LangChain callback (tracing, verbose) would hear the run;
 * otherwise `_streamIterator`, which runs those callbacks but also merges every chunk into a running
 * total for them: new message objects per token, a tenth of the CPU of a thousand live replies
 * (docs/performance.md). `Runnable.stream()` costs more again: a web stream and a context switch per chunk.
 */
function modelChunks(model: BaseChatModel, prompt: BaseMessage[], signal: AbortSignal): AsyncGenerator<ModelChunk> {
  const streams = model._streamResponseChunks !== BaseChatModel.prototype._streamResponseChunks && !model.disableStreaming;
  const heard = CallbackManager.configure(undefined, model.callbacks, undefined, undefined, undefined, undefined, {
    verbose: model.verbose,
  });
  if (streams && !heard) return model._streamResponseChunks(prompt, { signal } as BaseChatModel["ParsedCallOptions"]);
  return model._streamIterator(prompt, { signal });
}

/** A chunk's text, also when its content is a list of blocks (OpenAI's Responses API): both kinds join their text parts. */
const textOf = (chunk: ModelChunk): string =>
  "message" in chunk ? chunk.text : typeof chunk.content === "string" ? chunk.content : chunk.text;

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
  // Stop may come while the prompt was being built: then nothing is generated.
  if (signal.aborted) stop();
  else signal.addEventListener("abort", stop, { once: true });
  let timedOut = false;
  // Re-armed by refresh() on every chunk: far cheaper than a new timer per token.
  const idle = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error("The model timed out."));
  }, handle.timeoutMs);
  // Each chunk is awaited against the abort, so a model that ignores its signal cannot hang a reply. One
  // reject per reply rather than Promise.race per chunk, which would leave a reaction per token on it.
  let rejectWait: ((reason: unknown) => void) | undefined;
  const abortWait = () => rejectWait?.(controller.signal.reason);
  controller.signal.addEventListener("abort", abortWait, { once: true });
  let chunks: AsyncGenerator<ModelChunk> | undefined;
  let text = "";
  try {
    // Outside the model's own failures: a throw while setting up its stream is this app's bug (INTERNAL).
    const stream = modelChunks(handle.model, prompt, controller.signal);
    chunks = stream;
    const nextChunk = () =>
      new Promise<IteratorResult<ModelChunk>>((resolve, reject) => {
        if (controller.signal.aborted) return reject(controller.signal.reason);
        rejectWait = reject;
        stream.next().then(resolve, reject);
      });
    try {
      for (;;) {
        const next = await nextChunk();
        if (next.done) break;
        idle.refresh();
        const delta = storableText(textOf(next.value));
        if (!delta) continue;
        text += delta;
        onDelta(delta);
      }
      // A model may end its stream quietly when aborted (ChatOpenAI does): that is a stop or a timeout.
      controller.signal.throwIfAborted();
      return { outcome: "complete", text };
    } catch (error) {
      if (signal.aborted) return { outcome: "stopped", text };
      return { outcome: "failed", text, error: classifyModelError(error, timedOut, handle.endpoint) };
    }
  } finally {
    clearTimeout(idle);
    signal.removeEventListener("abort", stop);
    controller.signal.removeEventListener("abort", abortWait);
    // Ends the model's request when we stopped reading early; a model stuck mid-chunk is left to its signal.
    void chunks?.return(undefined).catch(() => undefined);
  }
}
