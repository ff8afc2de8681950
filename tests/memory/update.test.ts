import { describe, expect, it } from "vitest";
import { type MemoryMessage, seqOf } from "@/lib/memory/messages";
import { emptyMemory } from "@/lib/memory/schema";
import { applyTurn, clearedMemory, type Exchange, mergeFacts, mergePreferences } from "@/lib/memory/update";

const at = new Date("2026-03-01T00:00:00.000Z");
const message = (seq: number, role: MemoryMessage["role"], content = `m${seq}`): MemoryMessage => ({ id: `id-${seq}`, seq, role, content });
const turn = (seq: number, extra: Partial<Exchange> = {}): Exchange => ({
  user: message(seq, "user"),
  assistant: message(seq + 1, "assistant"),
  extraction: { preferences: [], facts: [] },
  at,
  ...extra,
});

describe("applying a turn to memory", () => {
  it("appends both messages in LangChain's stored format and counts the turn", () => {
    const next = applyTurn(emptyMemory(), turn(1), 65_536);
    expect(next.short_term_memory.messages.map((m) => [m.type, m.data.content, m.data.id])).toEqual([
      ["human", "m1", "id-1"],
      ["ai", "m2", "id-2"],
    ]);
    expect(next.stats).toEqual({ turns: 1, updated_at: at.toISOString() });
  });

  it("keeps the window in conversation order when turns finish out of order", () => {
    const late = applyTurn(applyTurn(emptyMemory(), turn(3), 65_536), turn(1), 65_536);
    expect(late.short_term_memory.messages.map(seqOf)).toEqual([1, 2, 3, 4]);
  });

  it("is idempotent: the same turn twice changes nothing", () => {
    const once = applyTurn(emptyMemory(), turn(1), 65_536);
    expect(applyTurn(once, turn(1), 65_536)).toBe(once);
  });

  it("adds a retried reply without counting the turn again, and skips an empty reply", () => {
    const stopped = applyTurn(emptyMemory(), turn(1, { assistant: null }), 65_536);
    expect(stopped.short_term_memory.messages).toHaveLength(1);
    const retried = applyTurn(stopped, turn(1, { assistant: message(5, "assistant") }), 65_536);
    expect(retried.short_term_memory.messages.map(seqOf)).toEqual([1, 5]);
    expect(retried.stats.turns).toBe(1);
  });

  it("merges what the user taught", () => {
    const next = applyTurn(
      { ...emptyMemory(), user_preferences: { name: "Ada" } },
      turn(1, { extraction: { preferences: [{ key: "Topic", value: " pricing " }], facts: ["User said: I live in Paris"] } }),
      65_536,
    );
    expect(next.user_preferences).toEqual({ name: "Ada", topic: "pricing" });
    expect(next.long_term_memory.facts).toEqual(["User said: I live in Paris"]);
  });
});

describe("preferences and facts", () => {
  it("validates keys and values, deletes with null, and caps the number of keys", () => {
    expect(
      mergePreferences({ a: "1" }, [
        { key: "a", value: null },
        { key: "bad key!", value: "x" },
        { key: "ok", value: "" },
      ]),
    ).toEqual({});
    const many = Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    expect(Object.keys(mergePreferences({}, many))).toHaveLength(40);
    expect(mergePreferences({ topic: "a" }, [{ key: "topic", value: "b" }])).toEqual({ topic: "b" });
  });

  it("deduplicates facts without regard to case and keeps the newest 50", () => {
    expect(mergeFacts(["User likes tea"], ["user likes TEA", "new"])).toEqual(["User likes tea", "new"]);
    const facts = mergeFacts(
      [],
      Array.from({ length: 80 }, (_, i) => `fact ${i}`),
    );
    expect(facts).toHaveLength(50);
    expect(facts[0]).toBe("fact 30");
  });
});

describe("clearing memory", () => {
  const full = {
    ...applyTurn(emptyMemory(), turn(1, { extraction: { preferences: [{ key: "topic", value: "x" }], facts: ["f"] } }), 65_536),
    long_term_memory: { summary: "s", summarized_messages: 3, facts: ["f"] },
    recovered: [{ at: at.toISOString(), reason: "r", content: 1 }],
  };

  it("clears the summary and facts, or the preferences, or everything but the archives", () => {
    expect(clearedMemory(full, "summary", at).long_term_memory).toEqual({ summary: "", summarized_messages: 0, facts: [] });
    expect(clearedMemory(full, "summary", at).user_preferences).toEqual({ topic: "x" });
    expect(clearedMemory(full, "preferences", at).user_preferences).toEqual({});
    const cleared = clearedMemory(full, "all", at);
    expect(cleared.short_term_memory.messages).toEqual([]);
    expect(cleared.user_preferences).toEqual({});
    expect(cleared.recovered).toEqual(full.recovered);
  });
});
