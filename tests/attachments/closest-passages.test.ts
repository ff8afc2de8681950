import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestPassages, MIN_SIMILARITY, STRONG_SIMILARITY } from "@/lib/attachments/closest-passages";

const passages = fc.array(fc.record({ id: fc.nat(), similarity: fc.double({ min: -1, max: 1, noNaN: true }) }), { maxLength: 300 });

describe("closestPassages", () => {
  it("keeps the passages that stand out, as the built-in encoder scores a paraphrase among unrelated pages", () => {
    // "Which city hosts the festivities?" against five pages: the page about the celebration stands out.
    const scored = [0.25, 0.05, 0.12, 0.07, 0.1].map((similarity, page) => ({ page: page + 1, similarity }));
    expect(closestPassages(scored, 12).map((passage) => passage.page)).toEqual([1]);
    // Nothing stands out, and nothing is close: nothing is recalled.
    expect(
      closestPassages(
        [0.1, 0.12, 0.11, 0.09].map((similarity) => ({ similarity })),
        12,
      ),
    ).toEqual([]);
    // Alike passages stand out from nothing, unless they are close in themselves.
    expect(
      closestPassages(
        [0.3, 0.3, 0.3].map((similarity) => ({ similarity })),
        12,
      ),
    ).toEqual([]);
    expect(closestPassages([{ similarity: 0.62 }], 12)).toEqual([{ similarity: 0.62 }]);
  });

  it("returns the best first, at most the number asked, none below the floor, and every passage better than one kept", () => {
    fc.assert(
      fc.property(passages, fc.integer({ min: 1, max: 20 }), (scored, nearest) => {
        const kept = closestPassages(scored, nearest);
        expect(kept.length).toBeLessThanOrEqual(nearest);
        for (const passage of kept) expect(scored).toContain(passage);
        for (let i = 1; i < kept.length; i++) expect(kept[i - 1].similarity).toBeGreaterThanOrEqual(kept[i].similarity);
        for (const passage of kept) expect(passage.similarity).toBeGreaterThanOrEqual(MIN_SIMILARITY);
        if (kept.length > 0 && kept.length < nearest) {
          const worst = kept[kept.length - 1].similarity;
          expect(scored.filter((passage) => passage.similarity > worst).length).toBeLessThan(kept.length);
        }
        for (const passage of scored) if (passage.similarity >= STRONG_SIMILARITY && kept.length < nearest) expect(kept).toContain(passage);
      }),
    );
  });
});
