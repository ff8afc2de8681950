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

/** Memory all copies may hold together: about 25,000 vectors of 512 components. */
const MAX_HELD_BYTES = 24 * 1024 * 1024;
/** What a held vector costs besides its components (measured: its signs, buffer, views and map entry). */
const VECTOR_OVERHEAD_BYTES = 480;
/** What a copy costs however few vectors it holds. */
const COPY_OVERHEAD_BYTES = 1_024;
/** A stored vector of the built-in encoder: a header and 512 one-byte components. */
const TYPICAL_VECTOR_BYTES = 520;
/** Vectors read per statement. */
const PAGE = 1_000;
/**
 * A copy used this recently is not evicted for another: two large conversations asked in turn would
 * otherwise evict each other and be read whole on every question. The newcomer is searched in
 * PostgreSQL meanwhile, and not tried again for as long.
 */
const KEEP_USED_MS = 60_000;
/** A conversation too large to hold is not tried again for this long. */
const TOO_LARGE_FOR_MS = 10 * 60_000;
/** Conversations remembered as not to be held now, at most. */
const MAX_REFUSED = 10_000;

/** A conversation's vectors of one model, as of the last time they were read. */
interface Copy {
  /** Replaced, never emptied, when the copy is read again: a question ranking the old one keeps it whole. */
  held: Map<number, HeldVector>;
  /** The newest write read: what was written after it is what changed. */
  after: bigint;
  /** The sum of the held vectors' seqs: with their count, it says whether the copy matches the table. */
  seqSum: number;
  bytes: number;
  usedAt: number;
  path: BranchPath;
  refreshing: Promise<Copy | null> | null;
}

/** What a question compares itself with: the conversation's vectors and its current path. */
export interface HeldVectors {
  vectors: Iterable<HeldVector>;
  path: BranchPath;
}

const copies = new Map<string, Copy>();
/** Conversations not to be held until then: too large, or no room without evicting copies in use. */
const refused = new Map<string, number>();
let heldBytes = 0;

/**
 * Brings this instance's copy of conversation `conversationId`'s vectors of model `model` up to date
 * and returns it, or null when the conversation is gone, has no vectors, or cannot be held now. Calls
 * for one conversation while it is being read share that reading.
 */
export function currentVectors(conversationId: string, model: string): Promise<HeldVectors | null> {
  const key = `${model}\n${conversationId}`;
  const until = refused.get(key);
  if (until !== undefined) {
    if (until > Date.now()) return Promise.resolve(null);
    refused.delete(key);
  }
  let copy = copies.get(key);
  if (copy) copies.delete(key);
  else {
    copy = { held: new Map(), after: 0n, seqSum: 0, bytes: 0, usedAt: 0, path: { branches: [0], ends: [0] }, refreshing: null };
    resize(copy, COPY_OVERHEAD_BYTES);
  }
  // Most recently used last: eviction looks at the first.
  copies.set(key, copy);
  copy.usedAt = Date.now();
  const reading = copy;
  reading.refreshing ??= refresh(key, conversationId, model, reading).finally(() => {
    reading.refreshing = null;
  });
  return reading.refreshing.then((current) => {
    if (!current) return null;
    const held = current.held;
    return { vectors: { [Symbol.iterator]: () => held.values() }, path: current.path };
  });
}

async function refresh(key: string, conversationId: string, model: string, copy: Copy): Promise<Copy | null> {
  let restarted = false;
  for (;;) {
    const rows = await selectChangedVectors(conversationId, model, copy.after, PAGE);
    // Evicted meanwhile, to make room for others.
    if (copies.get(key) !== copy) return null;
    const stamp = rows[0];
    if (!stamp || stamp.rows === 0) {
      drop(key, copy);
      return null;
    }
    const vectorBytes = (stamp.vector?.length ?? TYPICAL_VECTOR_BYTES) + VECTOR_OVERHEAD_BYTES;
    const growth = COPY_OVERHEAD_BYTES + stamp.rows * vectorBytes - copy.bytes;
    if (COPY_OVERHEAD_BYTES + stamp.rows * vectorBytes > MAX_HELD_BYTES) return refuse(key, copy, TOO_LARGE_FOR_MS);
    if (growth > 0 && !makeRoom(growth, key)) return refuse(key, copy, KEEP_USED_MS);
    copy.path = { branches: stamp.pathBranches, ends: stamp.pathEnds };
    const changed = rows.filter((row): row is ChangedVector => row.seq !== null);
    for (const row of changed) hold(copy, row);
    if (changed.length === PAGE) continue;
    if (copy.held.size === stamp.rows && copy.seqSum === Number(stamp.seqSum)) return copy;
    // Vectors were deleted (a clear; another model's), or one written earlier was committed later than
    // those read: all are read again, once.
    if (restarted) return null;
    restarted = true;
    empty(copy);
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

/** The copy without its vectors, to be read again from the start. */
function empty(copy: Copy): void {
  resize(copy, COPY_OVERHEAD_BYTES - copy.bytes);
  copy.held = new Map();
  copy.after = 0n;
  copy.seqSum = 0;
}

function drop(key: string, copy: Copy): void {
  if (copies.get(key) !== copy) return;
  copies.delete(key);
  resize(copy, -copy.bytes);
  copy.held = new Map();
}

function refuse(key: string, copy: Copy, forMs: number): null {
  drop(key, copy);
  if (refused.size >= MAX_REFUSED) refused.clear();
  refused.set(key, Date.now() + forMs);
  return null;
}

/** Evicts copies unused for KEEP_USED_MS, least recently used first (never `keep`), until `bytes` more fit. */
function makeRoom(bytes: number, keep: string): boolean {
  const usedSince = Date.now() - KEEP_USED_MS;
  for (const [key, copy] of copies) {
    if (heldBytes + bytes <= MAX_HELD_BYTES) break;
    if (copy.usedAt > usedSince) break;
    if (key !== keep) drop(key, copy);
  }
  return heldBytes + bytes <= MAX_HELD_BYTES;
}
