import "server-only";
import { selectRecallCandidates, selectRecallHits } from "../db/queries/recall-queries";
import { env } from "../env";
import { type PromptPart, promptParts } from "../memory/prompt";
import { answerKind } from "../memory/recall-answer-kind";
import { hitsByMessage, rankHits, termValues } from "../memory/recall-rank";
import { type RecalledMessage, selectRecalled } from "../memory/recall-select";
import { searchTerms } from "../memory/recall-terms";
import { recentContext, windowStart } from "../memory/recall-window";
import type { MemoryBuffer } from "../memory/schema";
import { MAX_POSITION } from "./inputs";
import { similarMessages } from "./semantic-recall";

/** Per term, at most this many messages are read in stage one: past it a word is common, and cheap to ignore. */
const HITS_PER_TERM = 80;
/** Messages read in full in stage two, besides their neighbours. */
const CANDIDATES = 20;

/**
 * Finds what the new message needs in the conversation's older messages (those that left the live
 * window): where each search term occurs (stage one), then the best of those messages and their
 * neighbours in full (stage two), ranked BM25-style in lib/memory/recall-*.ts. With an embedding
 * model, the messages closest in meaning join stage two, and their similarity its score.
 */
export async function recall(conversationId: string, memory: MemoryBuffer, text: string, budgetTokens: number): Promise<RecalledMessage[]> {
  if (budgetTokens <= 0) return [];
  const terms = searchTerms(text, recentContext(memory));
  const beforeSeq = windowStart(memory) ?? MAX_POSITION;
  const [hits, similar] = await Promise.all([
    terms.length
      ? selectRecallHits(
          conversationId,
          terms.map((term) => term.word),
          HITS_PER_TERM,
          beforeSeq,
        )
      : [],
    similarMessages(conversationId, text, beforeSeq).catch((error) => {
      console.warn(`[memory] Embedding search failed for conversation ${conversationId}; recalling by words alone.`, error);
      return new Map<number, number>();
    }),
  ]);
  if (hits.length === 0 && similar.size === 0) return [];
  const searched = Math.max(0, ...hits.map((hit) => hit.seq), ...similar.keys());
  const values = termValues(terms, hits, searched);
  // Stage one already says which terms each message holds (a common term only in part: it is worth
  // little) and how long it is; a neighbour holding none scores only what its match lends it.
  const found = hitsByMessage(hits);
  const top = [...rankHits(found, values, searched + 1, CANDIDATES), ...similar.keys()];
  const seqs = [...new Set(top.flatMap((seq) => [seq - 1, seq, seq + 1]))].filter((seq) => seq > 0 && seq < beforeSeq);
  const rows = await selectRecallCandidates(conversationId, seqs);
  const candidates = rows.map((row) => ({ ...row, ...(found.get(row.seq) ?? { terms: [], length: 1 }) }));
  return selectRecalled(candidates, terms, values, budgetTokens, answerKind(text), similar);
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
