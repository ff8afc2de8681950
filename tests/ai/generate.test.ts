import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessageChunk, HumanMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import { describe, expect, it } from "vitest";
import { generate } from "@/lib/ai/generate";
import type { ChatModelHandle } from "@/lib/ai/model";

/** A model that sends one token and then never another, deaf to the abort signal. */
class StuckModel extends BaseChatModel {
  _llmType() {
    return "stuck";
  }
  async _generate(): Promise<ChatResult> {
    throw new Error("not used");
  }
  async *_streamResponseChunks(): AsyncGenerator<ChatGenerationChunk> {
    yield new ChatGenerationChunk({ text: "Half ", message: new AIMessageChunk({ content: "Half " }) });
    await new Promise(() => undefined);
  }
}

const stuck = (timeoutMs: number): ChatModelHandle => ({ kind: "openai", name: "stuck", model: new StuckModel({}), timeoutMs });

describe("generate with a model that ignores its abort signal", () => {
  it("still ends at the idle timeout, keeping the text so far", async () => {
    const started = Date.now();
    const result = await generate(stuck(150), [new HumanMessage("hi")], new AbortController().signal, () => undefined);
    expect(result).toMatchObject({ outcome: "failed", text: "Half ", error: { code: "MODEL_TIMEOUT" } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("still stops at once when the user presses Stop", async () => {
    const controller = new AbortController();
    const result = await generate(stuck(60_000), [new HumanMessage("hi")], controller.signal, () => controller.abort());
    expect(result).toEqual({ outcome: "stopped", text: "Half " });
  });
});
