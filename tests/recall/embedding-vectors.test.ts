import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeVector, encodeVector, similarity, unitVector } from "@/lib/memory/embedding-vectors";

const unitVectors = (size: number) =>
  fc
    .array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: size, maxLength: size })
    .filter((values) => values.some((value) => Math.abs(value) > 1e-3))
    .map(unitVector);

/** How rows were stored before the one-byte format: float32, little-endian. */
function float32Row(vector: Float32Array): Buffer {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i], i * 4);
  return bytes;
}

describe("stored vectors", () => {
  it("take a byte a component and keep every similarity within 0.01", () => {
    fc.assert(
      fc.property(unitVectors(64), unitVectors(64), (a, b) => {
        const stored = encodeVector(b);
        expect(stored.byteLength).toBe(8 + b.length);
        const read = decodeVector(stored);
        expect(read.length).toBe(b.length);
        expect(Math.abs(similarity(a, read) - similarity(a, b))).toBeLessThan(0.01);
      }),
    );
  });

  it("read rows stored as float32 before exactly", () => {
    fc.assert(
      fc.property(unitVectors(16), (vector) => {
        expect([...decodeVector(float32Row(vector))]).toEqual([...vector]);
      }),
    );
  });
});
