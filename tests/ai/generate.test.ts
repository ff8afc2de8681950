import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, HumanMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import { describe, expect, it } from "vitest";
import { generate } from "@/lib/ai/generate";
import type { ChatModelHandle } from "@/lib/ai/model";
import { OfflineChatModel } from "@/lib/ai/offline-model";

type Script = (options: BaseChatModel["ParsedCallOptions"]) => AsyncGenerator<ChatGenerationChunk>;

/** A model whose stream is what `script` yields; it is never asked for a whole reply. */
class ScriptedModel extends BaseChatModel {
  constructor(
    private readonly kind: string,
    private readonly script: Script,
  ) {
    super({});
  }
  _llmType() {
    return this.kind;
  }
  async _generate(): Promise<ChatResult> {
    throw new Error("not used");
  }
  _streamResponseChunks(_messages: unknown, options: this["ParsedCallOptions"]): AsyncGenerator<ChatGenerationChunk> {
    return this.script(options);
  }
}

const textChunk = (text: string) => new ChatGenerationChunk({ text, message: new AIMessageChunk({ content: text }) });

/** A model that sends one token and then never another, deaf to the abort signal. */
const StuckModel = () =>
  new ScriptedModel("stuck", async function* () {
    yield textChunk("Half ");
    await new Promise(() => undefined);
  });

const stuck = (timeoutMs: number): ChatModelHandle => ({ kind: "openai", name: "stuck", model: StuckModel(), timeoutMs });

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

/** The offline model, counting the runs that went through LangChain's callback-running iterator. */
class IteratorCountingModel extends OfflineChatModel {
  iterated = 0;
  async *_streamIterator(...args: Parameters<OfflineChatModel["_streamIterator"]>) {
    this.iterated++;
    yield* super._streamIterator(...args);
  }
}

/** A model whose chunks carry their text as content blocks, as OpenAI's Responses API does. */
const BlockModel = () =>
  new ScriptedModel("blocks", async function* () {
    for (const text of ["Hello ", "there."]) {
      yield new ChatGenerationChunk({ text, message: new AIMessageChunk({ content: [{ type: "text", text }] }) });
    }
  });

/** Like ChatOpenAI: when aborted, its stream ends quietly instead of throwing. */
const QuietStopModel = () =>
  new ScriptedModel("quiet-stop", async function* (options) {
    yield textChunk("Half ");
    if (!options.signal?.aborted) await new Promise((resolve) => options.signal?.addEventListener("abort", resolve, { once: true }));
  });

/** A model that cannot stream: LangChain answers with its whole reply as one chunk. */
class WholeModel extends BaseChatModel {
  _llmType() {
    return "whole";
  }
  async _generate(): Promise<ChatResult> {
    return { generations: [{ text: "All at once.", message: new AIMessage("All at once.") }] };
  }
}

describe("generate when stopped", () => {
  it("is stopped, not complete, when the model ends its stream quietly on the abort", async () => {
    const controller = new AbortController();
    const handle: ChatModelHandle = { kind: "openai", name: "quiet", model: QuietStopModel(), timeoutMs: 60_000 };
    expect(await generate(handle, [new HumanMessage("hi")], controller.signal, () => controller.abort())).toEqual({
      outcome: "stopped",
      text: "Half ",
    });
  });

  it("generates nothing when Stop came before it began (while the prompt was built)", async () => {
    const controller = new AbortController();
    controller.abort();
    const deltas: string[] = [];
    const handle: ChatModelHandle = { kind: "offline", name: "offline", model: new OfflineChatModel(0), timeoutMs: 5_000 };
    expect(await generate(handle, [new HumanMessage("hi")], controller.signal, (delta) => deltas.push(delta))).toEqual({
      outcome: "stopped",
      text: "",
    });
    expect(deltas).toEqual([]);
  });
});

describe("generate and LangChain's callbacks", () => {
  it("lets a callback handler on the model (tracing, say) hear every token", async () => {
    const heard: string[] = [];
    const model = new OfflineChatModel(0);
    model.callbacks = [{ handleLLMNewToken: (token: string) => void heard.push(token) }];
    const deltas: string[] = [];
    const result = await generate(
      { kind: "offline", name: "offline", model, timeoutMs: 5_000 },
      [new HumanMessage("hello there")],
      new AbortController().signal,
      (delta) => deltas.push(delta),
    );
    expect(result.outcome).toBe("complete");
    expect(heard.length).toBeGreaterThan(1);
    expect(heard.join("")).toBe(result.text);
    expect(deltas).toEqual(heard);
  });

  it("streams the same reply with no handler, straight from the model's own stream", async () => {
    const plain = new IteratorCountingModel(0);
    const deltas: string[] = [];
    const handle: ChatModelHandle = { kind: "offline", name: "offline", model: plain, timeoutMs: 5_000 };
    const result = await generate(handle, [new HumanMessage("hello there")], new AbortController().signal, (delta) => deltas.push(delta));
    const heard: string[] = [];
    const traced = new IteratorCountingModel(0);
    traced.callbacks = [{ handleLLMNewToken: (token: string) => void heard.push(token) }];
    await generate({ ...handle, model: traced }, [new HumanMessage("hello there")], new AbortController().signal, () => undefined);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas).toEqual(heard);
    expect(result).toEqual({ outcome: "complete", text: heard.join("") });
    expect([plain.iterated, traced.iterated]).toEqual([0, 1]);
  });

  it("reads text sent as content blocks (OpenAI's Responses API), on either path", async () => {
    for (const callbacks of [[], [{ handleLLMNewToken: () => undefined }]]) {
      const model = BlockModel();
      model.callbacks = callbacks;
      const handle: ChatModelHandle = { kind: "openai", name: "blocks", model, timeoutMs: 5_000 };
      expect(await generate(handle, [new HumanMessage("hi")], new AbortController().signal, () => undefined)).toEqual({
        outcome: "complete",
        text: "Hello there.",
      });
    }
  });

  it("answers from a model that cannot stream, in one chunk", async () => {
    const handle: ChatModelHandle = { kind: "openai", name: "whole", model: new WholeModel({}), timeoutMs: 5_000 };
    const deltas: string[] = [];
    const result = await generate(handle, [new HumanMessage("hi")], new AbortController().signal, (delta) => deltas.push(delta));
    expect(result).toEqual({ outcome: "complete", text: "All at once." });
    expect(deltas).toEqual(["All at once."]);
  });
});
