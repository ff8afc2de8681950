/**
 * Embedding vectors as recall stores and compares them: unit length, so similarity is a dot product;
 * their signs as a bit string, whose Hamming distance shortlists candidates inside PostgreSQL; and
 * the vector itself as one byte a component (a quarter of float32's size: recall reads hundreds of
 * them before the first token, and a smaller row stays out of TOAST). Rows stored before are float32
 * little-endian bytes and are still read.
 */

/** Starts a one-byte-a-component vector: no component of a unit vector is above 1, so no float32 row starts so. */
const QUANTIZED_MARK = 1024;
/** The mark and the scale, each a float32. */
const QUANTIZED_HEADER = 8;

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

/** Each component rounded to one of 255 steps of the largest one: similarities move by about 0.002 at most. */
export function quantize(vector: Float32Array): { codes: Int8Array; step: number } {
  let largest = 0;
  for (const value of vector) largest = Math.max(largest, Math.abs(value));
  const step = largest > 0 ? largest / 127 : 1;
  return { codes: Int8Array.from(vector, (value) => Math.round(value / step)), step };
}

/** The vector as stored: a mark, its step, then its components in one byte each. */
export function encodeVector(vector: Float32Array): Buffer {
  const { codes, step } = quantize(vector);
  const bytes = Buffer.alloc(QUANTIZED_HEADER + codes.length);
  bytes.writeFloatLE(QUANTIZED_MARK, 0);
  bytes.writeFloatLE(step, 4);
  bytes.set(new Uint8Array(codes.buffer, codes.byteOffset, codes.length), QUANTIZED_HEADER);
  return bytes;
}

/** A one-byte-a-component vector's components and step, as stored; null for a float32 row. */
export function quantizedParts(bytes: Uint8Array): { codes: Int8Array; step: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < QUANTIZED_HEADER || view.getFloat32(0, true) !== QUANTIZED_MARK) return null;
  return {
    codes: new Int8Array(bytes.buffer, bytes.byteOffset + QUANTIZED_HEADER, bytes.byteLength - QUANTIZED_HEADER),
    step: view.getFloat32(4, true),
  };
}

export function decodeVector(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength >= QUANTIZED_HEADER && view.getFloat32(0, true) === QUANTIZED_MARK) {
    const step = view.getFloat32(4, true);
    const vector = new Float32Array(bytes.byteLength - QUANTIZED_HEADER);
    for (let i = 0; i < vector.length; i++) vector[i] = view.getInt8(QUANTIZED_HEADER + i) * step;
    return vector;
  }
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
