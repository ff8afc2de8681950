import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textBatches } from "@/lib/ai/encoder/text-batches";

describe("the encoder's batches", () => {
  it("keep every text once, in order, none empty, each within the limit unless one text is over it", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 300 }), { maxLength: 60 }), fc.integer({ min: 1, max: 500 }), (texts, maxChars) => {
        const batches = textBatches(texts, maxChars);
        expect(batches.flat()).toEqual(texts);
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          if (batch.length > 1) expect(batch.reduce((sum, text) => sum + text.length, 0)).toBeLessThanOrEqual(maxChars);
        }
        // Greedy: a batch is closed only when the next text would not fit.
        for (let i = 1; i < batches.length; i++) {
          const chars = batches[i - 1].reduce((sum, text) => sum + text.length, 0);
          expect(chars + batches[i][0].length).toBeGreaterThan(maxChars);
        }
      }),
    );
  });
});
