import { describe, expect, it } from "vitest";
import { toStoredMessage } from "@/lib/memory/messages";
import { emptyMemory, type MemoryBuffer } from "@/lib/memory/schema";
import { offlineSummary, summaryPrompt } from "@/lib/memory/summary";
import { applyFold, boundSummary, planFold, windowTokens } from "@/lib/memory/window";

function withWindow(count: number, words = 50): MemoryBuffer {
  const messages = Array.from({ length: count }, (_, i) =>
    toStoredMessage({
      id: `m${i + 1}`,
      seq: i + 1,
      role: i % 2 ? "assistant" : "user",
      content: `message ${i + 1} ${"word ".repeat(words)}`,
    }),
  );
  return { ...emptyMemory(), short_term_memory: { messages } };
}

describe("the summary-buffer window", () => {
  it("measures tokens offline and plans nothing while within budget", () => {
    const memory = withWindow(4);
    expect(windowTokens(memory)).toBeGreaterThan(200);
    expect(planFold(memory, 10_000)).toBeNull();
  });

  it("once over budget, folds the oldest messages down to half the budget, keeping the latest exchange", () => {
    const memory = withWindow(10);
    const plan = planFold(memory, 400)!;
    const folded = plan.messages.length;
    expect(plan.messages.map((m) => m.data.id)).toEqual(memory.short_term_memory.messages.slice(0, folded).map((m) => m.data.id));
    const kept = { ...memory, short_term_memory: { messages: memory.short_term_memory.messages.slice(folded) } };
    const oneMore = { ...memory, short_term_memory: { messages: memory.short_term_memory.messages.slice(folded - 1) } };
    expect(windowTokens(kept)).toBeLessThanOrEqual(200);
    expect(windowTokens(oneMore)).toBeGreaterThan(200);
    expect(planFold(withWindow(6), 400)).toBeNull();
    expect(planFold(withWindow(2, 500), 10)).toBeNull();
  });

  it("removes folded messages only when their summary commits", () => {
    const memory = withWindow(6);
    const plan = planFold(memory, 300)!;
    const folded = applyFold(memory, plan, "the summary")!;
    expect(folded.short_term_memory.messages.map((m) => m.data.id)).toEqual(
      memory.short_term_memory.messages.slice(plan.messages.length).map((m) => m.data.id),
    );
    expect(folded.long_term_memory).toMatchObject({ summary: "the summary", summarized_messages: plan.messages.length });
    expect(windowTokens(folded)).toBeLessThanOrEqual(150);
  });

  it("discards a summary when memory moved on meanwhile, so nothing is folded twice or lost", () => {
    const memory = withWindow(6);
    const plan = planFold(memory, 300)!;
    const committed = applyFold(memory, plan, "first")!;
    expect(applyFold(committed, plan, "second")).toBeNull();
    const cleared = { ...memory, short_term_memory: { messages: [] } };
    expect(applyFold(cleared, plan, "third")).toBeNull();
  });

  it("prompts the summarizer with the previous summary and only the new lines", () => {
    const memory = withWindow(4, 1);
    const prompt = summaryPrompt("Earlier: greetings.", memory.short_term_memory.messages.slice(0, 2));
    expect(prompt).toContain("Earlier: greetings.");
    expect(prompt).toContain("User: message 1");
    expect(prompt).toContain("Assistant: message 2");
    expect(prompt).not.toContain("message 3");
  });

  it("keeps summaries bounded, newest part first", () => {
    const long = `${"old ".repeat(3000)}newest words`;
    const bounded = boundSummary(long);
    expect(bounded.length).toBeLessThanOrEqual(6000);
    expect(bounded.endsWith("newest words")).toBe(true);
    expect(offlineSummary("prev", withWindow(2, 1).short_term_memory.messages)).toBe(
      "prev\nUser: message 1 word\nAssistant: message 2 word",
    );
  });
});
