import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byteSize, enforceCap } from "@/lib/memory/cap";
import { emptyMemory, memoryBufferSchema } from "@/lib/memory/schema";
import { applyTurn } from "@/lib/memory/update";

describe("the memoryBuffer size cap", () => {
  it("holds for any sequence of turns, however large their text", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            user: fc.string({ maxLength: 3000 }),
            reply: fc.string({ maxLength: 6000 }),
            facts: fc.array(fc.string({ minLength: 1, maxLength: 400 }), { maxLength: 5 }),
            preference: fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), fc.string({ minLength: 1, maxLength: 200 })),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 8_192, max: 65_536 }),
        (turns, cap) => {
          let memory = emptyMemory();
          turns.forEach((t, i) => {
            memory = applyTurn(
              { ...memory, long_term_memory: { ...memory.long_term_memory, summary: memory.long_term_memory.summary + t.user } },
              {
                user: { id: `u${i}`, seq: 2 * i + 1, role: "user", content: t.user },
                assistant: { id: `a${i}`, seq: 2 * i + 2, role: "assistant", content: t.reply },
                extraction: { preferences: [{ key: t.preference[0], value: t.preference[1] }], facts: t.facts },
                at: new Date(0),
              },
              cap,
            );
            expect(byteSize(memory)).toBeLessThanOrEqual(cap);
          });
          expect(memoryBufferSchema.safeParse(memory).success).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("gives up only on what it must never drop: recovered and legacy content", () => {
    const memory = { ...emptyMemory(), recovered: [{ at: new Date(0).toISOString(), reason: "x", content: "y".repeat(20_000) }] };
    expect(enforceCap(memory, 8_192)).toEqual(memory);
  });
});

describe("the size cap's cost", () => {
  const turn = (i: number, content: string, role: "user" | "assistant" = "assistant") => ({
    user: { id: `u${i}`, seq: 2 * i + 1, role: "user" as const, content: role === "user" ? content : `question ${i}` },
    assistant: role === "user" ? null : { id: `a${i}`, seq: 2 * i + 2, role: "assistant" as const, content },
    extraction: { preferences: [], facts: [] },
    at: new Date(0),
  });

  it("cuts one huge message before folding the small ones away for it, and still fits (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 20_000, max: 120_000 }),
        fc.constantFrom("字", "a", "\u00e9", "\n", '"', "😀"),
        (small, length, char) => {
          let memory = emptyMemory();
          for (let i = 0; i < small; i++) memory = applyTurn(memory, turn(i, `answer ${i}`), 65_536);
          const kept = memory.short_term_memory.messages.length;
          memory = applyTurn(memory, turn(small, char.repeat(length / char.length)), 65_536);
          expect(byteSize(memory)).toBeLessThanOrEqual(65_536);
          expect(memoryBufferSchema.safeParse(memory).success).toBe(true);
          // The small messages stay (and the huge one, cut): nothing was folded away for it.
          expect(memory.short_term_memory.messages.length).toBe(kept + 2);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("serializes memory about once, not once a step, however many steps it takes", () => {
    let memory = emptyMemory();
    for (let i = 0; i < 120; i++) memory = applyTurn(memory, turn(i, `answer ${i}`), 1_048_576);
    const huge = { ...turn(120, "字".repeat(100_000)), extraction: { preferences: [], facts: [] } };
    const stringify = JSON.stringify;
    let chars = 0;
    JSON.stringify = ((...args: Parameters<typeof stringify>) => {
      const out = stringify(...args);
      chars += out?.length ?? 0;
      return out;
    }) as typeof JSON.stringify;
    try {
      memory = applyTurn(memory, huge, 65_536);
    } finally {
      JSON.stringify = stringify;
    }
    expect(byteSize(memory)).toBeLessThanOrEqual(65_536);
    // The message itself, the memory once or twice, and each cut of the message: a few times 100,000.
    expect(chars).toBeLessThan(1_000_000);
  });
});
