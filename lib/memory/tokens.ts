import o200kBase from "js-tiktoken/ranks/o200k_base";

/**
 * The o200k_base ranks and a cache of counted pieces, one of each per process on globalThis: the
 * server bundles this module into several chunks, and the ranks take tens of MB.
 */
interface TokenState {
  ranks?: Map<string, number>;
  pieces: Map<string, number>;
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
/**
 * Byte pair merging costs the square of a piece's length: a piece longer than this (a run of letters
 * with no space, which anyone can send) is counted in slices of it, within a token or two of the exact
 * count per slice (tested), in time linear in the text.
 */
const MAX_MERGED_BYTES = 512;

const utf8 = new TextEncoder();

/** Each token's bytes as a string of one character per byte (what `atob` gives), to its rank. */
function ranks(): Map<string, number> {
  if (tokenState.ranks) return tokenState.ranks;
  const map = new Map<string, number>();
  for (const line of o200kBase.bpe_ranks.split("\n")) {
    if (!line) continue;
    const [, offset, ...tokens] = line.split(" ");
    const first = Number.parseInt(offset, 10);
    for (const [index, token] of tokens.entries()) map.set(atob(token), first + index);
  }
  tokenState.ranks = map;
  return map;
}

/** Tokens of one piece's bytes: tiktoken's merge (the lowest-ranked adjacent pair first, leftmost on ties). */
function mergedTokens(bytes: string, rankOf: Map<string, number>): number {
  if (bytes.length <= 1 || rankOf.has(bytes)) return Math.min(bytes.length, 1);
  // Part i is bytes[starts[i], starts[i + 1]); pairs[i] is the rank of parts i and i + 1 merged.
  const starts = Array.from({ length: bytes.length + 1 }, (_, index) => index);
  const pairRank = (i: number) => (i + 2 < starts.length ? (rankOf.get(bytes.slice(starts[i], starts[i + 2])) ?? Infinity) : Infinity);
  const pairs = Array.from({ length: bytes.length - 1 }, (_, index) => pairRank(index));
  for (;;) {
    let at = -1;
    let lowest = Infinity;
    for (let i = 0; i < pairs.length; i++) {
      if (pairs[i] < lowest) {
        lowest = pairs[i];
        at = i;
      }
    }
    if (at < 0) return starts.length - 1;
    starts.splice(at + 1, 1);
    pairs.splice(at, 1);
    if (at > 0) pairs[at - 1] = pairRank(at - 1);
    if (at < pairs.length) pairs[at] = pairRank(at);
  }
}

function countPiece(piece: string): number {
  let count = pieceTokens.get(piece);
  if (count !== undefined) return count;
  const encoded = utf8.encode(piece);
  let bytes = "";
  for (const byte of encoded) bytes += String.fromCharCode(byte);
  const rankOf = ranks();
  count = 0;
  for (let start = 0; start < bytes.length; start += MAX_MERGED_BYTES) {
    count += mergedTokens(bytes.slice(start, start + MAX_MERGED_BYTES), rankOf);
  }
  if (piece.length <= MAX_CACHED_PIECE_CHARS) {
    if (pieceTokens.size >= MAX_CACHED_PIECES) pieceTokens.clear();
    // A copy: V8 keeps a matched piece as a slice of its whole text, which the cache would keep alive.
    pieceTokens.set(` ${piece}`.slice(1), count);
  }
  return count;
}

/**
 * Tokens of a text with the o200k_base encoding, whose ranks ship with js-tiktoken: no download.
 * The library's own count (fast-check, against it) for pieces up to MAX_MERGED_BYTES, piece by piece
 * with a cache, in time linear in the text: the library's merge took 19 s for one 16,000-letter word.
 */
export function countTokens(text: string): number {
  let total = 0;
  for (const [piece] of text.matchAll(PIECES)) total += countPiece(piece);
  return total;
}

/** Chat formats add a few tokens of framing to every message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
