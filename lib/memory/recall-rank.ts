import type { SearchTerm } from "./recall-terms";

/** A search term found in an older message (stage one of recall). */
export interface RecallHit {
  term: number;
  seq: number;
  /** Lexemes in the message. */
  length: number;
}

// BM25's usual constants; chat messages rarely repeat a word, so each match counts once.
const K1 = 1.2;
const B = 0.75;
/** Later messages win ties, so a changed mind is recalled as changed. */
const RECENCY = 0.15;

/** How much finding each term is worth: its weight times its rarity in the conversation (BM25's IDF). */
export function termValues(terms: SearchTerm[], hits: RecallHit[], searchedMessages: number): number[] {
  const found = new Array<number>(terms.length).fill(0);
  for (const hit of hits) found[hit.term]++;
  const total = Math.max(searchedMessages, 1);
  return terms.map((term, index) => {
    const df = Math.min(found[index], total);
    return df === 0 ? 0 : term.weight * Math.log(1 + (total - df + 0.5) / (df + 0.5));
  });
}

/** BM25 with every term frequency 1, plus a small preference for later messages. */
export function scoreMessage(values: number[], terms: Iterable<number>, length: number, averageLength: number, recency: number): number {
  const norm = (K1 + 1) / (1 + K1 * (1 - B + (B * length) / Math.max(averageLength, 1)));
  let score = 0;
  for (const term of new Set(terms)) score += values[term] ?? 0;
  return score * norm * (1 + RECENCY * recency);
}

/** The hits by message: which terms each message holds, and its length. */
export function hitsByMessage(hits: RecallHit[]): Map<number, { terms: number[]; length: number }> {
  const byMessage = new Map<number, { terms: number[]; length: number }>();
  for (const hit of hits) {
    const entry = byMessage.get(hit.seq) ?? { terms: [], length: hit.length };
    entry.terms.push(hit.term);
    byMessage.set(hit.seq, entry);
  }
  return byMessage;
}

/** Stage one: the messages most worth reading in full, best first. */
export function rankHits(byMessage: ReturnType<typeof hitsByMessage>, values: number[], beforeSeq: number, limit: number): number[] {
  if (byMessage.size === 0) return [];
  const averageLength = [...byMessage.values()].reduce((sum, entry) => sum + entry.length, 0) / byMessage.size;
  return [...byMessage.entries()]
    .map(([seq, entry]) => ({ seq, score: scoreMessage(values, entry.terms, entry.length, averageLength, seq / beforeSeq) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || b.seq - a.seq)
    .slice(0, limit)
    .map((entry) => entry.seq);
}
