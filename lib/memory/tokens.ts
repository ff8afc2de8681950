import o200kBase from "js-tiktoken/ranks/o200k_base";

/**
 * The o200k_base ranks and a cache of counted pieces, one of each per process on globalThis: the
 * server bundles this module into several chunks, and the ranks take about 13 MB.
 */
interface TokenState {
  ranks?: Ranks;
  pieces: Map<string, number>;
}

/** Each token's bytes as a string of one character per byte (what `atob` gives), to its rank. */
interface Ranks {
  of: Map<string, number>;
  /** The longest token's bytes: a longer pair has no rank, and is not looked up. */
  longest: number;
}
const shared = globalThis as unknown as { memoryChatTokens?: TokenState };
shared.memoryChatTokens ??= { pieces: new Map() };
const tokenState = shared.memoryChatTokens;

/** tiktoken encodes each piece of this split on its own, so a text's count is the sum of its pieces'. */
const PIECES = new RegExp(o200kBase.pat_str, "gu");
const MAX_CACHED_PIECES = 50_000;
const pieceTokens = tokenState.pieces;
/** Pieces longer than this are not cached: they are rare, and would crowd out the common ones. */
const MAX_CACHED_PIECE_CHARS = 64;
const utf8 = new TextEncoder();

function loadRanks(): Ranks {
  if (tokenState.ranks) return tokenState.ranks;
  const of = new Map<string, number>();
  let longest = 0;
  for (const line of o200kBase.bpe_ranks.split("\n")) {
    if (!line) continue;
    const [, offset, ...tokens] = line.split(" ");
    const first = Number.parseInt(offset, 10);
    for (const [index, token] of tokens.entries()) {
      const bytes = atob(token);
      of.set(bytes, first + index);
      longest = Math.max(longest, bytes.length);
    }
  }
  tokenState.ranks = { of, longest };
  return tokenState.ranks;
}

/**
 * Positions in a heap key: rank × POSITIONS + position stays an exact integer in a double. A piece is
 * at most one message (IMPORT_MESSAGE_MAX_CHARS allows 10 million characters, 30 MB): fewer bytes.
 */
const POSITIONS = 2 ** 26;

/**
 * Tokens of one piece's bytes: tiktoken's merge (the lowest-ranked adjacent pair first, leftmost on
 * ties), with the pairs in a heap keyed by rank and then position, in O(n log n). The library scans
 * every pair after each merge: 19 s for one 16,000-letter word, which anyone can send.
 */
function mergedTokens(bytes: string, table: Ranks): number {
  const n = bytes.length;
  if (n <= 1 || table.of.has(bytes)) return Math.min(n, 1);
  // Parts are a linked list by start: the part at i is bytes[i, next[i]), and pairRank[i] the rank of
  // it merged with the next (-1: none, or i was merged away).
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const pairRank = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  // A binary heap of rank × POSITIONS + start; an entry whose pair has changed since is skipped when
  // taken. Each merge takes one entry and adds at most two: never more than 2n.
  const heap = new Float64Array(2 * n);
  let size = 0;
  const push = (at: number) => {
    pairRank[at] = -1;
    const right = next[at];
    if (right >= n) return;
    const end = next[right];
    if (end - at > table.longest) return;
    const rank = table.of.get(bytes.slice(at, end));
    if (rank === undefined) return;
    pairRank[at] = rank;
    const key = rank * POSITIONS + at;
    let i = size++;
    while (i > 0 && heap[(i - 1) >> 1] > key) {
      heap[i] = heap[(i - 1) >> 1];
      i = (i - 1) >> 1;
    }
    heap[i] = key;
  };
  const pop = () => {
    const top = heap[0];
    const last = heap[--size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heap[child + 1] < heap[child]) child++;
      if (heap[child] >= last) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
    return top;
  };
  for (let i = 0; i + 1 < n; i++) push(i);
  let parts = n;
  while (size > 0) {
    const key = pop();
    const at = key % POSITIONS;
    // Stale: its pair has changed since (a pair of the same rank in the same place merges the same way).
    if (pairRank[at] !== (key - at) / POSITIONS) continue;
    const right = next[at];
    pairRank[right] = -1;
    next[at] = next[right];
    if (next[at] < n) prev[next[at]] = at;
    parts--;
    if (prev[at] >= 0) push(prev[at]);
    push(at);
  }
  return parts;
}

function countPiece(piece: string): number {
  let count = pieceTokens.get(piece);
  if (count !== undefined) return count;
  const encoded = utf8.encode(piece);
  let bytes = "";
  for (const byte of encoded) bytes += String.fromCharCode(byte);
  count = mergedTokens(bytes, loadRanks());
  if (piece.length <= MAX_CACHED_PIECE_CHARS) {
    if (pieceTokens.size >= MAX_CACHED_PIECES) pieceTokens.clear();
    // A copy: V8 keeps a matched piece as a slice of its whole text, which the cache would keep alive.
    pieceTokens.set(` ${piece}`.slice(1), count);
  }
  return count;
}

/**
 * Tokens of a text with the o200k_base encoding, whose ranks ship with js-tiktoken: no download.
 * The library's own count (fast-check, against it), piece by piece with a cache, in O(n log n).
 */
export function countTokens(text: string): number {
  let total = 0;
  for (const [piece] of text.matchAll(PIECES)) total += countPiece(piece);
  return total;
}

/** Text counted exactly before a long message's count is estimated from it. */
export const EXACT_COUNT_CHARS = 4_000;

/**
 * Tokens of a message, exact up to EXACT_COUNT_CHARS and estimated past them from the rate of its
 * start: memory records a count for every message it replays, and an exact count of 100,000
 * characters of CJK holds the event loop for a quarter of a second, in one piece. A message that long
 * never fits a prompt's budget, so the estimate only ever says "too long".
 */
export function messageTokens(text: string): number {
  if (text.length <= EXACT_COUNT_CHARS) return countTokens(text);
  return Math.ceil((countTokens(text.slice(0, EXACT_COUNT_CHARS)) * text.length) / EXACT_COUNT_CHARS);
}

/** Chat formats add a few tokens of framing to every message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
