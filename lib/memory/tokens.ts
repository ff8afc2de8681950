import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";

/**
 * One encoder and one cache per process, on globalThis: the server bundles this module into several
 * chunks, and each encoder costs about 66 MB of heap and 0.6 s to build.
 */
interface TokenState {
  encoder?: Tiktoken;
  pieces: Map<string, number>;
}
const shared = globalThis as unknown as { memoryChatTokens?: TokenState };
shared.memoryChatTokens ??= { pieces: new Map() };
const tokenState = shared.memoryChatTokens;

/** tiktoken encodes each piece of this split on its own, so a text's count is the sum of its pieces'. */
const PIECES = new RegExp(o200kBase.pat_str, "gu");
const MAX_CACHED_PIECES = 50_000;
const pieceTokens = tokenState.pieces;

function countPiece(piece: string): number {
  let count = pieceTokens.get(piece);
  if (count === undefined) {
    tokenState.encoder ??= new Tiktoken(o200kBase);
    // No special tokens: "<|endoftext|>" typed by a user is text, and must not throw.
    count = tokenState.encoder.encode(piece, [], []).length;
    if (pieceTokens.size >= MAX_CACHED_PIECES) pieceTokens.clear();
    pieceTokens.set(piece, count);
  }
  return count;
}

/**
 * Tokens of a text with the o200k_base encoding, whose ranks ship with js-tiktoken: no download.
 * Counting piece by piece with a cache gives the library's exact count about six times faster.
 */
export function countTokens(text: string): number {
  let total = 0;
  for (const [piece] of text.matchAll(PIECES)) total += countPiece(piece);
  return total;
}

/** Chat formats add a few tokens of framing to every message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
