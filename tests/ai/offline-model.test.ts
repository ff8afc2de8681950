import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { generate } from "@/lib/ai/generate";
import { createChatModel } from "@/lib/ai/model";
import { offlineTokens } from "@/lib/ai/offline-model";
import { promptParts } from "@/lib/memory/prompt";
import { emptyMemory } from "@/lib/memory/schema";

const offline = (delay = 0) =>
  createChatModel({ model: "x", timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 512, offlineDelayMs: delay });

describe("the offline model", () => {
  it("is chosen when no endpoint is configured", () => {
    expect(offline()).toMatchObject({ kind: "offline", name: "offline" });
  });

  it("streams a deterministic reply token by token that shows what memory holds", async () => {
    const memory = {
      ...emptyMemory(),
      user_preferences: { name: "Ada", topic: "pricing" },
      long_term_memory: { summary: "They met.", summarized_messages: 2, facts: [] },
    };
    const run = async () => {
      const deltas: string[] = [];
      const result = await generate(
        offline(),
        promptParts(memory, "hello").map((part) => part.message),
        new AbortController().signal,
        (d) => deltas.push(d),
      );
      return { result, deltas };
    };
    const first = await run();
    const second = await run();
    expect(first.result).toEqual(second.result);
    expect(first.deltas.join("")).toBe(first.result.text);
    expect(first.deltas.length).toBe(offlineTokens(first.result.text).length);
    expect(first.result.text).toContain("name: Ada; topic: pricing");
    expect(first.result.text).toContain("Earlier in this conversation: They met.");
    expect(first.result.text).toContain("OPENAI_API_KEY");
  });

  it("waits OFFLINE_MODEL_DELAY_MS per token and stops when aborted", async () => {
    const controller = new AbortController();
    let tokens = 0;
    const started = Date.now();
    const result = await generate(offline(20), [new HumanMessage("hi")], controller.signal, () => {
      if (++tokens === 5) controller.abort();
    });
    expect(result.outcome).toBe("stopped");
    expect(tokens).toBe(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
  });
});
