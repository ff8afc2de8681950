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
