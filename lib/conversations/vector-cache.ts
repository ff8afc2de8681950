import "server-only";
import { type ChangedVectorRow, selectChangedVectors } from "../db/queries/recall-queries";
import { type HeldVector, holdVector } from "../memory/nearest-vectors";
import type { BranchPath } from "./branch-path";

// Each instance keeps a copy of the vectors of the conversations it recalls from lately, so that a
// question is compared with them as soon as it is embedded, instead of shortlisting and reading
// hundreds of vectors from PostgreSQL after that. A copy is brought up to date while the question is
// embedded: one statement reads what was written since (usually nothing, or a new turn's few vectors),
// and says whether the copy still matches the table. Copies share a fixed amount of memory, the least recently
// used going first; a conversation whose copy is not ready in time is searched in PostgreSQL, as before.

/** Memory all copies may hold together: about 27,000 vectors of 512 components. */
const MAX_HELD_BYTES = 16 * 1024 * 1024;
/** What a held vector costs besides its components: signs, the typed arrays' and the map's overhead. */
const VECTOR_OVERHEAD_BYTES = 240;
/** A stored vector of the built-in encoder: a header and 512 one-byte components. */
const TYPICAL_VECTOR_BYTES = 520;
/** Vectors read per statement. */
const PAGE = 1_000;
/** A conversation too large to hold is not tried again for this long. */
const TOO_LARGE_FOR_MS = 10 * 60_000;

/** A conversation's vectors of one model, as of the last time they were read. */
interface Copy {
  held: Map<number, HeldVector>;
  /** The newest write read: what was written after it is what changed. */
  after: bigint;
  /** The sum of the held vectors' seqs: with their count, it says whether the copy matches the table. */
  seqSum: number;
  bytes: number;
  path: BranchPath;
  refreshing: Promise<Copy | null> | null;
}

/** What a question compares itself with: the conversation's vectors and its current path. */
export interface HeldVectors {
  vectors: Iterable<HeldVector>;
  path: BranchPath;
}

const copies = new Map<string, Copy>();
const tooLarge = new Map<string, number>();
let heldBytes = 0;

const emptyCopy = (): Copy => ({ held: new Map(), after: 0n, seqSum: 0, bytes: 0, path: { branches: [0], ends: [0] }, refreshing: null });

/**
 * Brings this instance's copy of conversation `conversationId`'s vectors of model `model` up to date
 * and returns it, or null when the conversation is gone or its vectors are too many to hold. Calls
 * for one conversation while it is being read share that reading.
 */
export function currentVectors(conversationId: string, model: string): Promise<HeldVectors | null> {
  const key = `${model}\n${conversationId}`;
  if ((tooLarge.get(key) ?? 0) > Date.now()) return Promise.resolve(null);
  const copy = copies.get(key) ?? emptyCopy();
  // Most recently used last: eviction takes the first.
  copies.delete(key);
  copies.set(key, copy);
  copy.refreshing ??= refresh(key, conversationId, model, copy).finally(() => {
    copy.refreshing = null;
  });
  return copy.refreshing.then((current) => current && { vectors: { [Symbol.iterator]: () => current.held.values() }, path: current.path });
}

async function refresh(key: string, conversationId: string, model: string, copy: Copy): Promise<Copy | null> {
  let restarted = false;
  for (;;) {
    const rows = await selectChangedVectors(conversationId, model, copy.after, PAGE);
    // Evicted meanwhile, to make room for others.
    if (copies.get(key) !== copy) {
      clear(copy);
      return null;
    }
    const stamp = rows[0];
    const vectorBytes = (rows[0]?.vector?.length ?? TYPICAL_VECTOR_BYTES) + VECTOR_OVERHEAD_BYTES;
    if (!stamp || stamp.rows * vectorBytes > MAX_HELD_BYTES) {
      drop(key, copy);
      if (stamp) tooLarge.set(key, Date.now() + TOO_LARGE_FOR_MS);
      return null;
    }
    copy.path = { branches: stamp.pathBranches, ends: stamp.pathEnds };
    const changed = rows.filter((row): row is ChangedVector => row.seq !== null);
    for (const row of changed) hold(copy, row);
    makeRoom(key);
    if (changed.length === PAGE) continue;
    if (copy.held.size === stamp.rows && copy.seqSum === Number(stamp.seqSum)) return copy;
    // Vectors were deleted (a clear; another model's), or one written earlier was committed later than
    // those read: all are read again, once.
    if (restarted) return null;
    restarted = true;
    clear(copy);
  }
}

type ChangedVector = ChangedVectorRow & { seq: number; branch: number; written: string; signs: string; vector: Buffer };

function hold(copy: Copy, row: ChangedVector): void {
  const before = copy.held.get(row.seq);
  if (before) {
    copy.seqSum -= before.seq;
    resize(copy, -(before.codes.length + VECTOR_OVERHEAD_BYTES));
  }
  const held = holdVector(row.seq, row.branch, row.signs, row.vector);
  copy.held.set(row.seq, held);
  copy.seqSum += row.seq;
  copy.after = BigInt(row.written);
  resize(copy, held.codes.length + VECTOR_OVERHEAD_BYTES);
}

function resize(copy: Copy, bytes: number): void {
  copy.bytes += bytes;
  heldBytes += bytes;
}

function clear(copy: Copy): void {
  heldBytes -= copy.bytes;
  copy.held.clear();
  copy.after = 0n;
  copy.seqSum = 0;
  copy.bytes = 0;
}

function drop(key: string, copy: Copy): void {
  clear(copy);
  if (copies.get(key) === copy) copies.delete(key);
}

/** Evicts the least recently used copies (never `keep`) until all fit. */
function makeRoom(keep: string): void {
  for (const [key, copy] of copies) {
    if (heldBytes <= MAX_HELD_BYTES) return;
    if (key !== keep) drop(key, copy);
  }
}
