import { describe, expect, it } from "vitest";
import { readMemory } from "@/lib/memory/read-memory";
import { emptyMemory, memoryBufferSchema } from "@/lib/memory/schema";

const now = new Date("2026-01-02T03:04:05.000Z");

describe("reading a stored memoryBuffer", () => {
  it("reads NULL, from before migration 010, as empty memory", () => {
    expect(readMemory(null, now)).toEqual({ memory: emptyMemory() });
  });

  it("returns a valid buffer as it is", () => {
    const stored = { ...emptyMemory(), user_preferences: { topic: "pricing" } };
    expect(readMemory(stored, now)).toEqual({ memory: stored });
  });

  it("never drops an invalid buffer: it is kept under recovered, and valid sections survive", () => {
    const stored = {
      version: 1,
      short_term_memory: { messages: "not a list" },
      long_term_memory: { summary: "kept summary", summarized_messages: 4, facts: ["kept fact"] },
      user_preferences: { topic: "pricing" },
      stats: { turns: -1 },
    };
    const { memory, problem } = readMemory(stored, now);
    expect(problem).toContain("short_term_memory.messages");
    expect(memory.long_term_memory).toEqual(stored.long_term_memory);
    expect(memory.user_preferences).toEqual({ topic: "pricing" });
    expect(memory.short_term_memory.messages).toEqual([]);
    expect(memory.recovered).toEqual([{ at: now.toISOString(), reason: problem, content: stored }]);
    expect(memoryBufferSchema.parse(memory)).toEqual(memory);
  });

  it("keeps earlier recoveries and adds the new one, for any JSON value", () => {
    const first = readMemory(["an", "array"], now).memory;
    const broken = { ...first, version: 99 };
    const second = readMemory(broken, new Date("2026-02-01T00:00:00.000Z")).memory;
    expect(second.recovered).toHaveLength(2);
    expect(second.recovered?.[0].content).toEqual(["an", "array"]);
    expect((second.recovered![1].content as { version: number }).version).toBe(99);
    expect(readMemory("just a string", now).memory.recovered?.[0].content).toBe("just a string");
  });
});
