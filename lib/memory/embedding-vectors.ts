/**
 * Embedding vectors as recall stores and compares them: unit length, so similarity is a dot product;
 * their signs as a bit string, whose Hamming distance shortlists candidates inside PostgreSQL; and
 * the vector itself as float32 little-endian bytes.
 */

export function unitVector(values: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < values.length; i++) norm += values[i] * values[i];
  const vector = Float32Array.from(values);
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < vector.length; i++) vector[i] *= scale;
  }
  return vector;
}

/** "1" for every positive component: for unit vectors, fewer differing signs means a smaller angle. */
export function signBits(vector: Float32Array): string {
  let bits = "";
  for (const value of vector) bits += value > 0 ? "1" : "0";
  return bits;
}

export function encodeVector(vector: Float32Array): Buffer {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i], i * 4);
  return bytes;
}

export function decodeVector(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(Math.floor(bytes.byteLength / 4));
  for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true);
  return vector;
}

/** Cosine similarity of two unit vectors; vectors of different sizes are unrelated. */
export function similarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
