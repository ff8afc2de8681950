import "server-only";
import { indexForRecall, selectRecallCandidates, selectRecallHits } from "../db/queries/recall-queries";
import { env } from "../env";
import { type PromptPart, promptParts } from "../memory/prompt";
import { answerKind } from "../memory/recall-answer-kind";
import { expansionTerms } from "../memory/recall-expand";
import { type RecallHit, rankHits, termValues } from "../memory/recall-rank";
import { type RecallCandidate, type RecalledMessage, scoreCandidates, selectRecalled } from "../memory/recall-select";
import { type SearchTerm, searchTerms } from "../memory/recall-terms";
import { recentContext, windowStart } from "../memory/recall-window";
import type { MemoryBuffer } from "../memory/schema";
import { MAX_POSITION } from "./inputs";

/** Per term, at most this many messages are read in stage one: past it a word is common, and cheap to ignore. */
const HITS_PER_TERM = 200;
/** Messages read in full in stage two, besides their neighbours. */
const CANDIDATES = 40;

interface Retrieved {
  terms: SearchTerm[];
  hits: RecallHit[];
  values: number[];
  candidates: RecallCandidate[];
}

/**
 * One round: where each new term occurs (stage one, added to the hits of earlier rounds), then the
 * best of those messages and their neighbours in full (stage two).
 */
async function retrieve(conversationId: string, terms: SearchTerm[], beforeSeq: number, earlier?: Retrieved): Promise<Retrieved> {
  const offset = earlier?.terms.length ?? 0;
  const found = await selectRecallHits(
    conversationId,
    terms.slice(offset).map((term) => term.word),
    HITS_PER_TERM,
    beforeSeq,
  );
  const hits = [...(earlier?.hits ?? []), ...found.map((hit) => ({ ...hit, term: hit.term + offset }))];
  if (hits.length === 0) return { terms, hits, values: [], candidates: [] };
  const searched = Math.max(...hits.map((hit) => hit.seq));
  const values = termValues(terms, hits, searched);
  const top = rankHits(hits, values, searched + 1, CANDIDATES);
  const seqs = [...new Set(top.flatMap((seq) => [seq - 1, seq, seq + 1]))].filter((seq) => seq > 0 && seq < beforeSeq);
  const candidates = await selectRecallCandidates(
    conversationId,
    seqs,
    terms.map((term) => term.word),
  );
  return { terms, hits, values, candidates };
}

/**
 * Finds what the new message needs in the conversation's older messages (those that left the live
 * window): full-text search in PostgreSQL, BM25-style ranking here (lib/memory/recall-*.ts), and a
 * second round for the names the best matches brought up.
 */
export async function recall(conversationId: string, memory: MemoryBuffer, text: string, budgetTokens: number): Promise<RecalledMessage[]> {
  if (budgetTokens <= 0) return [];
  const terms = searchTerms(text, recentContext(memory));
  if (terms.length === 0) return [];
  const wanted = answerKind(text);
  const beforeSeq = windowStart(memory) ?? MAX_POSITION;
  let round = await retrieve(conversationId, terms, beforeSeq);
  if (round.candidates.length === 0) return [];
  const names = expansionTerms(round.candidates, scoreCandidates(round.candidates, round.values, wanted), terms);
  if (names.length) round = await retrieve(conversationId, [...terms, ...names], beforeSeq, round);
  return selectRecalled(round.candidates, round.terms, round.values, budgetTokens, wanted);
}

/**
 * The prompt for `text` as the next message: the one path shared by the chat turn and the context
 * endpoint. A failing recall costs the reply its recalled section, never the reply.
 */
export async function assemblePrompt(conversationId: string, memory: MemoryBuffer, text: string): Promise<PromptPart[]> {
  const recalled = await recall(conversationId, memory, text, env().MEMORY_RECALL_TOKENS).catch((error) => {
    console.warn(`[memory] Recall failed for conversation ${conversationId}; replying without it.`, error);
    return [];
  });
  return promptParts(memory, text, recalled);
}

/** Indexes for recall everything that has left the window (after a fold, or on import). */
export async function indexLeftWindow(conversationId: string, memory: MemoryBuffer): Promise<number> {
  const start = windowStart(memory);
  return start === null ? 0 : indexForRecall(conversationId, start - 1);
}
