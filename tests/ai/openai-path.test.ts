import { HumanMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractWithModel } from "@/lib/ai/extract-with-model";
import { generate } from "@/lib/ai/generate";
import { type ChatModelHandle, createChatModel } from "@/lib/ai/model";
import { summarize } from "@/lib/ai/summarize";
import { generateTitle } from "@/lib/ai/title";
import { toStoredMessage } from "@/lib/memory/messages";
import { type OpenAIStub, startOpenAIStub } from "../support/openai-stub";

let stub: OpenAIStub;
let handle: ChatModelHandle;

beforeAll(async () => {
  stub = await startOpenAIStub();
  handle = createChatModel({
    baseUrl: stub.url,
    model: "gpt-4o-mini",
    timeoutMs: 1_000,
    maxRetries: 0,
    maxOutputTokens: 512,
    offlineDelayMs: 0,
  });
});
afterAll(() => stub.close());

const ask = async (text: string) => {
  const deltas: string[] = [];
  const result = await generate(handle, [new HumanMessage(text)], new AbortController().signal, (d) => deltas.push(d));
  return { ...result, deltas };
};

describe("the real ChatOpenAI path against an OpenAI-compatible stub", () => {
  it("uses ChatOpenAI with a placeholder key when only a base URL is set", () => {
    expect(handle.kind).toBe("openai");
    expect(handle.model.constructor.name).toBe("ChatOpenAI");
  });

  it("streams a normal reply token by token", async () => {
    const result = await ask("hello stub");
    expect(result.outcome).toBe("complete");
    expect(result.text).toBe("Stub reply (1 messages in the prompt) to: hello stub");
    expect(result.deltas.length).toBeGreaterThan(5);
    const request = stub.requests.at(-1)!.body;
    expect(request).toMatchObject({ model: "gpt-4o-mini", stream: true });
    // Every call's cost is bounded: OPENAI_MAX_OUTPUT_TOKENS reaches the endpoint.
    expect(request.max_tokens ?? request.max_completion_tokens).toBe(512);
  });

  it("summarizes with the previous summary and only the new lines", async () => {
    const lines = [
      toStoredMessage({ id: "a", seq: 1, role: "user", content: "I need a quote for 40 seats" }),
      toStoredMessage({ id: "b", seq: 2, role: "assistant", content: "Sure, the team plan fits." }),
    ];
    const summary = await summarize(handle, { messages: lines, previousSummary: "User asked about pricing." });
    expect(summary).toMatch(/^Stub summary:/);
    const prompt = JSON.stringify(stub.requests.at(-1)!.body);
    expect(prompt).toContain("User asked about pricing.");
    expect(prompt).toContain("User: I need a quote for 40 seats");
    expect(prompt).toContain("Assistant: Sure, the team plan fits.");
  });

  it("extracts preferences and facts through structured output validated by zod", async () => {
    const extraction = await extractWithModel(handle, "My name is Ada and I live in Paris.");
    expect(extraction.preferences).toContainEqual({ key: "name", value: "Ada" });
    expect(extraction.facts).toContain("stub-extracted: My name is Ada and I");
    const request = stub.requests.at(-1)!.body;
    expect(request.response_format ?? request.tools).toBeDefined();
  });

  it("skips the extraction call for messages that say nothing about the speaker", async () => {
    const before = stub.requests.length;
    expect(await extractWithModel(handle, "What is the capital of France?")).toEqual({ preferences: [], facts: [] });
    expect(stub.requests.length).toBe(before);
  });

  it("titles a conversation with the model", async () => {
    expect(await generateTitle(handle, "plan a trip")).toMatch(/^Stub summary/);
  });

  it.each([
    ["[[stub:429]]", "MODEL_RATE_LIMITED", 429],
    ["[[stub:500]]", "MODEL_UNAVAILABLE", 502],
    ["[[stub:drop]]", "MODEL_UNAVAILABLE", 502],
    ["[[stub:malformed]]", "MODEL_BAD_RESPONSE", 502],
    ["[[stub:hang]]", "MODEL_TIMEOUT", 504],
  ])("turns %s into the typed error %s, keeping any partial text", async (directive, code, status) => {
    const result = await ask(`please fail ${directive}`);
    expect(result.outcome).toBe("failed");
    if (result.outcome !== "failed") return;
    expect(result.error).toMatchObject({ code, status });
    if (directive === "[[stub:drop]]" || directive === "[[stub:malformed]]") {
      expect(result.text).toBe("Stub reply (1 ");
    }
  });

  it("ends a hang within the configured timeout", async () => {
    const started = Date.now();
    await ask("[[stub:hang]]");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("stops when the caller aborts, and says so", async () => {
    const controller = new AbortController();
    let count = 0;
    const result = await generate(handle, [new HumanMessage("a long reply please")], controller.signal, () => {
      if (++count === 3) controller.abort();
    });
    expect(result.outcome).toBe("stopped");
    expect(result.text.length).toBeGreaterThan(0);
  });
});
