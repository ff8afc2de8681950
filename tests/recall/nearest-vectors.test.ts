import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeVector, signBits, similarity, unitVector } from "@/lib/memory/embedding-vectors";
import { type HeldVector, heldSimilarity, holdVector, nearestHeld, packSigns, signDistance } from "@/lib/memory/nearest-vectors";

const SIZE = 48;
const unitVectors = (size: number) =>
  fc
    .array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: size, maxLength: size })
    .filter((values) => values.some((value) => Math.abs(value) > 1e-3))
    .map(unitVector);

/** Vectors as a copy holds them, each on branch 0 or 1, with distinct seqs. */
const heldSets = fc
  .uniqueArray(fc.record({ seq: fc.integer({ min: 1, max: 10_000 }), branch: fc.integer({ min: 0, max: 1 }), vector: unitVectors(SIZE) }), {
    selector: (row) => row.seq,
    minLength: 1,
    maxLength: 40,
  })
  .map((rows) =>
    rows.map((row) => ({ ...holdVector(row.seq, row.branch, signBits(row.vector), encodeVector(row.vector)), original: row.vector })),
  );

const differing = (a: string, b: string) => [...a].filter((bit, i) => bit !== b[i]).length;

describe("vectors held in memory", () => {
  it("count differing signs as the bit strings do", () => {
    fc.assert(
      fc.property(unitVectors(SIZE), unitVectors(SIZE), (a, b) => {
        expect(signDistance(packSigns(signBits(a)), packSigns(signBits(b)))).toBe(differing(signBits(a), signBits(b)));
      }),
    );
  });

  it("keep every similarity within 0.01 of the vectors'", () => {
    fc.assert(
      fc.property(unitVectors(SIZE), unitVectors(SIZE), (query, stored) => {
        const held = holdVector(1, 0, signBits(stored), encodeVector(stored));
        expect(Math.abs(heldSimilarity(query, held) - similarity(query, stored))).toBeLessThan(0.01);
      }),
    );
  });

  it("hold rows stored as float32 before within 0.01 too", () => {
    fc.assert(
      fc.property(unitVectors(SIZE), unitVectors(SIZE), (query, stored) => {
        const float32 = Buffer.alloc(stored.length * 4);
        for (const [i, value] of stored.entries()) float32.writeFloatLE(value, i * 4);
        const held = holdVector(1, 0, signBits(stored), float32);
        expect(held.codes).toHaveLength(SIZE);
        expect(Math.abs(heldSimilarity(query, held) - similarity(query, stored))).toBeLessThan(0.01);
      }),
    );
  });

  it("rank exactly when the shortlist holds them all: the `take` most similar of those accepted, best first", () => {
    fc.assert(
      fc.property(heldSets, unitVectors(SIZE), fc.integer({ min: 1, max: 10 }), (held, query, take) => {
        const accepted = (vector: HeldVector) => vector.branch === 0;
        const found = nearestHeld(held, query, accepted, held.length, take);
        const expected = held
          .filter(accepted)
          .map((vector) => ({ seq: vector.seq, score: heldSimilarity(query, vector) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, take);
        expect([...found.values()]).toEqual(expected.map((row) => row.score));
        // Equal scores may come in either order: each one found must be accepted and scored as it is.
        for (const [seq, score] of found) {
          const vector = held.find((candidate) => candidate.seq === seq)!;
          expect(accepted(vector)).toBe(true);
          expect(score).toBe(heldSimilarity(query, vector));
        }
      }),
    );
  });

  it("shortlist by signs: nothing found differs in more signs than anything left out, the latest first among equals", () => {
    fc.assert(
      fc.property(heldSets, unitVectors(SIZE), fc.integer({ min: 1, max: 10 }), (held, query, shortlist) => {
        const found = nearestHeld(held, query, () => true, shortlist, shortlist);
        expect(found.size).toBe(Math.min(shortlist, held.length));
        const querySigns = packSigns(signBits(query));
        const rank = (vector: HeldVector) => [signDistance(querySigns, vector.signs), -vector.seq] as const;
        const worstIn = held.filter((v) => found.has(v.seq)).map(rank);
        const bestOut = held.filter((v) => !found.has(v.seq)).map(rank);
        for (const [inDistance, inSeq] of worstIn)
          for (const [outDistance, outSeq] of bestOut)
            expect(inDistance < outDistance || (inDistance === outDistance && inSeq < outSeq)).toBe(true);
      }),
    );
  });
});
