import { HumanMessage } from "@langchain/core/messages";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generate } from "@/lib/ai/generate";
import { createChatModel } from "@/lib/ai/model";
import { offlineTokens } from "@/lib/ai/offline-model";
import { offlineReply } from "@/lib/ai/offline-reply";
import { promptParts } from "@/lib/memory/prompt";
import type { RecalledMessage } from "@/lib/memory/recall-select";
import { emptyMemory } from "@/lib/memory/schema";

const offline = (delay = 0) =>
  createChatModel({ model: "x", timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 512, offlineDelayMs: delay });

describe("the offline model", () => {
  it("is chosen when no endpoint is configured", () => {
    expect(offline()).toMatchObject({ kind: "offline", name: "offline" });
  });

  it("streams a deterministic reply token by token", async () => {
    const memory = { ...emptyMemory(), user_preferences: { name: "Ada", topic: "pricing" } };
    const run = async () => {
      const deltas: string[] = [];
      const result = await generate(
        offline(),
        promptParts(memory, "What is my name?").map((part) => part.message),
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
    expect(first.result.text).toBe("Your name is Ada.");
  });

  it("answers from preferences and facts, in plain sentences", () => {
    const memory = {
      ...emptyMemory(),
      user_preferences: { name: "Dana" },
      long_term_memory: { summary: "", summarized_messages: 0, facts: ["User said: I work at Acme Robotics."] },
    };
    const reply = (question: string) => offlineReply(promptParts(memory, question).map((part) => part.message));
    expect(reply("What is my name, and where do I work?")).toBe("Your name is Dana and you work at Acme Robotics.");
    expect(reply("What do you know about me?")).toBe("Your name is Dana and you work at Acme Robotics.");
    const born = { ...memory, long_term_memory: { ...memory.long_term_memory, facts: ["User said: I was born in Lyon."] } };
    expect(offlineReply(promptParts(born, "Where was I born?").map((part) => part.message))).toBe("You were born in Lyon.");
    // Where the user works and lives, said back as such; the fact that holds the same adds nothing.
    const placed = { ...memory, user_preferences: { name: "Dana", work: "Acme Robotics", location: "Porto" } };
    expect(offlineReply(promptParts(placed, "Where do I work and live?").map((part) => part.message))).toBe(
      "You work at Acme Robotics and you live in Porto.",
    );
  });

  it("quotes a recalled message with the day it was said, and says it is the built-in model otherwise", () => {
    const recalled: RecalledMessage[] = [
      {
        seq: 4,
        role: "user",
        createdAt: "2025-05-03T10:00:00.000Z",
        foundBy: "words",
        line: "#4 user: The spare key is under the blue flowerpot.",
        tokens: 14,
      },
    ];
    const prompt = (question: string) => promptParts(emptyMemory(), question, recalled).map((part) => part.message);
    expect(offlineReply(prompt("Where is the spare key?"))).toBe("You told me on 3 May 2025: “The spare key is under the blue flowerpot.”");
    // An earlier question answers nothing: it is never what is quoted back.
    const asked: RecalledMessage = { ...recalled[0], seq: 6, line: "#6 user: Where is the spare key again?" };
    const again = promptParts(emptyMemory(), "Where is the spare key?", [...recalled, asked]).map((part) => part.message);
    expect(offlineReply(again)).toBe("You told me on 3 May 2025: “The spare key is under the blue flowerpot.”");
    const fallback = offlineReply(prompt("Write me a poem about autumn."));
    expect(fallback).toMatch(/^\*\*Offline model\.\*\* /);
    expect(fallback.length).toBeLessThan(160);
  });

  it("words a regenerated reply differently, each wording deterministic, and never gives configuration advice", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(50), (question, variant) => {
        const prompt = promptParts({ ...emptyMemory(), user_preferences: { name: "Ada" } }, question).map((part) => part.message);
        const reply = offlineReply(prompt, variant);
        expect(offlineReply(prompt, variant)).toBe(reply);
        expect(offlineReply(prompt, variant + 1)).not.toBe(reply);
        if (variant > 0) expect(reply).not.toBe(offlineReply(prompt, 0));
        expect(reply).not.toMatch(/OPENAI|\.env/);
      }),
    );
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
