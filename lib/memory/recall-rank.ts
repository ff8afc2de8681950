import type { SearchTerm } from "./recall-terms";

/** A search term found in an older message (stage one of recall). */
export interface RecallHit {
  term: number;
  seq: number;
  /** Lexemes in the message. */
  length: number;
  /** The day it was said ("2024-05-01"): messages of one day belong together. */
  day: string;
  /** A user message with a question: the reply after it usually holds the answer. */
  asks: boolean;
}

/** A message's score in stage one, and the day it belongs to (a neighbour's is its source's). */
export interface RankedMessage {
  score: number;
  day: string;
  /** Found by its own words, or only as the neighbour of a message that was. */
  neighbour: boolean;
}

// BM25's usual constants; chat messages rarely repeat a word, so each match counts once.
const K1 = 1.2;
const B = 0.75;
/** Later messages win ties, so a changed mind is recalled as changed. */
const RECENCY = 0.15;
/** The reply after a matching question usually holds its answer; other neighbours carry context. */
export const ANSWER_SHARE = 0.8;
export const NEIGHBOUR_SHARE = 0.7;
/** A day's weight is the sum of its best few messages: one lucky word does not make a day. */
const DAY_MESSAGES = 3;
/** What the best day adds to each of its messages, as a share of the best message's score. */
const DAY_SHARE = 0.6;

/**
 * How much finding each term is worth: its weight times its rarity in the conversation (BM25's IDF),
 * from the true number of messages holding it (`counts`), not from how many hits were read.
 */
export function termValues(terms: SearchTerm[], counts: number[], searchedMessages: number): number[] {
  const total = Math.max(searchedMessages, 1);
  return terms.map((term, index) => {
    const df = Math.min(counts[index] ?? 0, total);
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

/** The hits by message: which terms each message holds, its length, day and whether it asks. */
function hitsByMessage(hits: RecallHit[]): Map<number, { terms: number[]; length: number; day: string; asks: boolean }> {
  const byMessage = new Map<number, { terms: number[]; length: number; day: string; asks: boolean }>();
  for (const hit of hits) {
    const entry = byMessage.get(hit.seq) ?? { terms: [], length: hit.length, day: hit.day, asks: hit.asks };
    entry.terms.push(hit.term);
    byMessage.set(hit.seq, entry);
  }
  return byMessage;
}

/**
 * Stage one's ranking of every message that holds a term, and of their neighbours: BM25 on true
 * rarities; each message lends a share of its score to the next and the previous one (keeping the
 * best it is lent, never more than its source has); then each day adds to its messages in proportion
 * to how much it holds of the best day's matches. Messages at or after `beforeSeq` are not ranked.
 */
export function rankMessages(hits: RecallHit[], values: number[], beforeSeq: number): Map<number, RankedMessage> {
  const byMessage = hitsByMessage(hits);
  const ranked = new Map<number, RankedMessage>();
  if (byMessage.size === 0) return ranked;
  const averageLength = [...byMessage.values()].reduce((sum, entry) => sum + entry.length, 0) / byMessage.size;
  const own = new Map<number, { score: number; day: string; asks: boolean }>();
  for (const [seq, entry] of byMessage) {
    const score = scoreMessage(values, entry.terms, entry.length, averageLength, seq / beforeSeq);
    if (score > 0) own.set(seq, { score, day: entry.day, asks: entry.asks });
  }
  for (const [seq, entry] of own) ranked.set(seq, { score: entry.score, day: entry.day, neighbour: false });
  const lend = (seq: number, score: number, day: string) => {
    if (seq <= 0 || seq >= beforeSeq) return;
    const known = ranked.get(seq);
    if (!known) ranked.set(seq, { score, day, neighbour: true });
    else if (score > known.score) Object.assign(known, known.neighbour ? { score, day } : { score });
  };
  for (const [seq, entry] of own) {
    lend(seq + 1, entry.score * (entry.asks ? ANSWER_SHARE : NEIGHBOUR_SHARE), entry.day);
    lend(seq - 1, entry.score * NEIGHBOUR_SHARE, entry.day);
  }
  addDayScores(ranked);
  return ranked;
}

/** Each day's best messages, summed, say how much it is about the question; its messages gain that share. */
function addDayScores(ranked: Map<number, RankedMessage>): void {
  const byDay = new Map<string, number[]>();
  for (const message of ranked.values()) {
    const scores = byDay.get(message.day);
    if (scores) scores.push(message.score);
    else byDay.set(message.day, [message.score]);
  }
  const dayScore = new Map(
    [...byDay].map(([day, scores]) => [
      day,
      scores
        .sort((a, b) => b - a)
        .slice(0, DAY_MESSAGES)
        .reduce((sum, score) => sum + score, 0),
    ]),
  );
  const bestDay = Math.max(...dayScore.values());
  const bestMessage = Math.max(...[...ranked.values()].map((message) => message.score));
  if (bestDay <= 0 || byDay.size < 2) return;
  for (const message of ranked.values()) message.score += DAY_SHARE * bestMessage * ((dayScore.get(message.day) ?? 0) / bestDay);
}

/** The `limit` best of a ranking, best first (later first on ties). */
export function bestOf(scores: Map<number, number>, limit: number): number[] {
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, limit)
    .map(([seq]) => seq);
}

/**
 * How many messages to read for each term, from how many hold it: rarest first, each whole while the
 * budget lasts; a term too common for what is left is skipped (its rarity is low, so it adds little),
 * except the rarest, which is read up to the budget.
 */
export function planHitCaps(counts: number[], budget: number): number[] {
  const caps = new Array<number>(counts.length).fill(0);
  let left = budget;
  const order = counts.map((count, term) => ({ count, term })).sort((a, b) => a.count - b.count || a.term - b.term);
  for (const { count, term } of order) {
    if (count === 0) continue;
    if (count <= left) caps[term] = count;
    else if (left === budget) caps[term] = left;
    left -= caps[term];
  }
  return caps;
}

/** Reciprocal rank fusion's constant: a ranking's first places count, but no single place dominates. */
const RANK_FUSION_K = 30;

/**
 * One ranking from several (words, meaning), by place rather than by score, which are not on one
 * scale: each message gets `weight / (K + place)` from every ranking that holds it.
 */
export function fuseByRank(rankings: { scores: Map<number, number>; weight: number }[]): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { scores, weight } of rankings) {
    const ordered = [...scores.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
    for (const [place, [seq]] of ordered.entries()) fused.set(seq, (fused.get(seq) ?? 0) + weight / (RANK_FUSION_K + place + 1));
  }
  return fused;
}
