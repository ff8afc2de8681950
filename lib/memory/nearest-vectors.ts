import { decodeVector, quantize, quantizedParts, signBits } from "./embedding-vectors";

// Recall by meaning over vectors held in memory (lib/conversations/vector-cache.ts): the same ranking
// as SELECT_NEAREST_EMBEDDINGS and nearestMessages together, without reading the vectors again.

/** A message's vector as a copy keeps it: one byte a component and its step, and its signs packed. */
export interface HeldVector {
  seq: number;
  branch: number;
  signs: Uint32Array;
  codes: Int8Array;
  step: number;
}

/** A bit string ("1" for a positive component) as 32 bits a word, first component in the lowest bit. */
export function packSigns(bits: string, into = new Uint32Array(Math.ceil(bits.length / 32))): Uint32Array {
  for (let i = 0; i < bits.length; i++) if (bits.charCodeAt(i) === 49) into[i >>> 5] |= 1 << (i & 31);
  return into;
}

function popcount(word: number): number {
  let bits = word - ((word >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** How many signs differ; vectors of different sizes are as far apart as can be. */
export function signDistance(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return Number.MAX_SAFE_INTEGER;
  let distance = 0;
  for (let i = 0; i < a.length; i++) distance += popcount(a[i] ^ b[i]);
  return distance;
}

/** A stored vector (either form embedding-vectors reads) as a copy keeps it: signs and components in one buffer. */
export function holdVector(seq: number, branch: number, signs: string, stored: Uint8Array): HeldVector {
  const parts = quantizedParts(stored) ?? quantize(decodeVector(stored));
  const signWords = Math.ceil(signs.length / 32);
  const buffer = new ArrayBuffer(signWords * 4 + parts.codes.length);
  const codes = new Int8Array(buffer, signWords * 4);
  codes.set(parts.codes);
  return { seq, branch, signs: packSigns(signs, new Uint32Array(buffer, 0, signWords)), codes, step: parts.step };
}

/** Cosine similarity of unit vector `query` and a held one; different sizes are unrelated. */
export function heldSimilarity(query: Float32Array, held: HeldVector): number {
  if (query.length !== held.codes.length) return 0;
  let sum = 0;
  for (let i = 0; i < query.length; i++) sum += query[i] * held.codes[i];
  return sum * held.step;
}

/**
 * The `take` vectors most similar to `query` among those `accepted`, by seq with their similarity:
 * first the `shortlist` whose signs differ least (the latest first among equals), then exactly.
 */
export function nearestHeld(
  held: Iterable<HeldVector>,
  query: Float32Array,
  accepted: (vector: HeldVector) => boolean,
  shortlist: number,
  take: number,
): Map<number, number> {
  const signs = packSigns(signBits(query));
  const candidates: HeldVector[] = [];
  const distances: number[] = [];
  for (const vector of held) {
    // Another size of vector (another model's) cannot be compared.
    if (!accepted(vector) || vector.codes.length !== query.length) continue;
    candidates.push(vector);
    distances.push(signDistance(signs, vector.signs));
  }
  const ranked = shortlistBySigns(candidates, distances, signs.length * 32, shortlist)
    .map((vector) => ({ seq: vector.seq, score: heldSimilarity(query, vector) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, take);
  return new Map(ranked.map((row) => [row.seq, row.score]));
}

/**
 * The `size` candidates whose signs differ least, the latest first among equals: counted by distance
 * (there are only as many distances as signs), so a long conversation is not sorted for 512 of them.
 */
function shortlistBySigns(candidates: HeldVector[], distances: number[], bits: number, size: number): HeldVector[] {
  if (candidates.length <= size) return candidates;
  const perDistance = new Uint32Array(bits + 1);
  for (const distance of distances) perDistance[distance]++;
  let cutoff = 0;
  for (let below = 0; below + perDistance[cutoff] < size; cutoff++) below += perDistance[cutoff];
  const within = candidates.filter((_, i) => distances[i] < cutoff);
  const atCutoff = candidates.filter((_, i) => distances[i] === cutoff).sort((a, b) => b.seq - a.seq);
  return [...within, ...atCutoff.slice(0, size - within.length)];
}
