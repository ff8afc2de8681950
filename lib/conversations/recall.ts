import "server-only";
import { chooseFileLines, filesSection } from "../attachments/files-section";
import { recallFromFiles } from "../attachments/recall-from-files";
import type { PromptMessage } from "../attachments/turn-attachments";
import { selectRecallCandidates, selectRecallHits, selectRecallTermCounts } from "../db/queries/recall-queries";
import { env } from "../env";
import { meaningQuery } from "../memory/meaning-query";
import { OTHER_CHATS_HEADING, type OtherChatCandidate, selectOtherChats } from "../memory/other-chats-select";
import { type PromptPart, promptParts, promptTokens } from "../memory/prompt";
import { type AnswerKind, answerKind } from "../memory/recall-answer-kind";
import { bestOf, fuseByRank, planHitCaps, type RankedMessage, rankMessages, termValues } from "../memory/recall-rank";
import { type RecallCandidate, type RecalledMessage, type RecallSource, sectionTokens, selectRecalled } from "../memory/recall-select";
import { type SearchTerm, searchTerms } from "../memory/recall-terms";
import { recentContext, windowStart } from "../memory/recall-window";
import type { MemoryBuffer } from "../memory/schema";
import { countTokens } from "../memory/tokens";
import { savedForPrompt } from "../saved-memories/saved-for-prompt";
import { MAX_POSITION } from "./inputs";
import { otherChatCandidates } from "./other-chats-recall";
import { similarMessages } from "./semantic-recall";

/** Messages read in stage one, over all terms: what a turn's recall costs however common its words. */
const HIT_BUDGET = 3_000;
/** Messages read in full in stage two. */
const CANDIDATES = 80;

/** What recall found before packing: the candidates, the terms searched and the kind of answer asked for. */
interface Found {
  candidates: RecallCandidate[];
  terms: SearchTerm[];
  wanted: AnswerKind | null;
}

/**
 * Finds what the new message needs in the conversation's older messages (those that left the live
 * window): how many messages hold each search term, where the terms occur (stage one), then the best
 * of those messages and their neighbours in full (stage two), ranked in lib/memory/recall-*.ts. With
 * an embedding model, the messages closest in meaning join stage two.
 */
export async function recall(conversationId: string, memory: MemoryBuffer, text: string, budgetTokens: number): Promise<RecalledMessage[]> {
  if (budgetTokens <= 0) return [];
  const { candidates, terms, wanted } = await findInConversation(conversationId, memory, text);
  return selectRecalled(candidates, terms, budgetTokens, wanted);
}

async function findInConversation(conversationId: string, memory: MemoryBuffer, text: string): Promise<Found> {
  const terms = searchTerms(text, recentContext(memory));
  const wanted = answerKind(text);
  const words = terms.map((term) => term.word);
  const beforeSeq = windowStart(memory) ?? MAX_POSITION;
  const { counts, indexed } = await countTerms(conversationId, words, beforeSeq);
  const [ranked, similar] = await Promise.all([
    rankByWords(conversationId, terms, words, counts, indexed, beforeSeq),
    similarMessages(conversationId, meaningQuery(text, terms, counts, indexed), beforeSeq).catch((error: unknown) => {
      // A slow encoder (its first question loads it) is expected now and then: one line, no stack.
      const reason = error instanceof Error && error.name === "TimeoutError" ? error.message : error;
      console.warn(`[memory] Embedding search failed for conversation ${conversationId}; recalling by words alone.`, reason);
      return new Map<number, number>();
    }),
  ]);
  if (ranked.size === 0 && similar.size === 0) return { candidates: [], terms, wanted };
  const byWords = new Map([...ranked].map(([seq, message]) => [seq, message.score] as const));
  const scores =
    similar.size === 0
      ? byWords
      : fuseByRank([
          { scores: byWords, weight: 0.5 },
          { scores: similar, weight: 0.5 },
        ]);
  const rows = await selectRecallCandidates(conversationId, bestOf(scores, CANDIDATES));
  const foundBy = (seq: number): RecallSource =>
    ranked.get(seq)?.neighbour === false ? "words" : similar.has(seq) ? "meaning" : "neighbour";
  const candidates = rows.map((row) => ({ ...row, score: scores.get(row.seq) ?? 0, foundBy: foundBy(row.seq) }));
  return { candidates, terms, wanted };
}

/** How many of the indexed messages before `beforeSeq` hold each word (true counts), and about how many there are. */
async function countTerms(conversationId: string, words: string[], beforeSeq: number) {
  const counts = new Array<number>(words.length).fill(0);
  if (words.length === 0) return { counts, indexed: 0 };
  const counted = await selectRecallTermCounts(conversationId, words);
  for (const row of counted) counts[row.term] = row.messages;
  return { counts, indexed: Math.min(counted[0]?.indexedThrough ?? 0, beforeSeq - 1) };
}

/** Stage one: where the terms occur, read within HIT_BUDGET as their counts allow, and ranked. */
async function rankByWords(
  conversationId: string,
  terms: SearchTerm[],
  words: string[],
  counts: number[],
  indexed: number,
  beforeSeq: number,
) {
  const caps = planHitCaps(counts, HIT_BUDGET);
  if (caps.every((cap) => cap === 0)) return new Map<number, RankedMessage>();
  const hits = await selectRecallHits(conversationId, words, caps, beforeSeq);
  return rankMessages(hits, termValues(terms, counts, indexed), beforeSeq);
}

/** A turn that reads memory across chats: the browser memory, and whether recall also searches its other chats. */
export interface AcrossChats {
  memoryId: string;
  otherChats: boolean;
}

/** Of the recall budget, what passages of files sent earlier may take. */
const FILES_SHARE = 1 / 3;

/** Of the recall budget, what the other chats may take first: the rest goes to this conversation, then back to them. */
const OTHER_CHATS_FIRST_SHARE = 1 / 3;

/** What recall found here and in the other chats, before the budget is known. */
interface FoundBoth {
  here: Found | null;
  elsewhere: OtherChatCandidate[] | null;
  terms: SearchTerm[];
  wanted: AnswerKind | null;
}

/** Recall's candidates in this conversation and, with `across.otherChats`, in the user's other chats, at once. A failing search finds nothing. */
async function findBoth(conversationId: string, memory: MemoryBuffer, text: string, across: AcrossChats | null): Promise<FoundBoth> {
  const warn = (what: string) => (error: unknown) => {
    console.warn(`[memory] ${what} failed for conversation ${conversationId}; replying without it.`, error);
    return null;
  };
  // A memory that never held a message (a new chat) has nothing older to recall: the other chats are searched alone.
  const fresh =
    memory.short_term_memory.messages.length === 0 && memory.long_term_memory.summarized_messages === 0 && !memory.recovered?.length;
  const [here, elsewhere] = await Promise.all([
    fresh ? null : findInConversation(conversationId, memory, text).catch(warn("Recall")),
    across?.otherChats
      ? otherChatCandidates(across.memoryId, conversationId, text, searchTerms(text)).catch(warn("Recall from other chats"))
      : null,
  ]);
  return { here, elsewhere, terms: here?.terms ?? searchTerms(text), wanted: answerKind(text) };
}

/**
 * Both recalls packed into one budget. This conversation ranks first: the other chats take at most a
 * third before it chooses, and then only what it leaves.
 */
function packBoth(found: FoundBoth, budgetTokens: number): { here: RecalledMessage[]; elsewhere: RecalledMessage[] } {
  if (budgetTokens <= 0) return { here: [], elsewhere: [] };
  const { terms, wanted } = found;
  const elsewhereIn = (budget: number) => (found.elsewhere?.length ? selectOtherChats(found.elsewhere, terms, budget, wanted) : []);
  // Nothing to recall here (a new chat): the other chats have the whole budget.
  if (!found.here?.candidates.length) return { here: [], elsewhere: elsewhereIn(budgetTokens) };
  const first = sectionTokens(elsewhereIn(Math.floor(budgetTokens * OTHER_CHATS_FIRST_SHARE)), OTHER_CHATS_HEADING);
  const here = selectRecalled(found.here.candidates, terms, budgetTokens - first, wanted);
  return { here, elsewhere: elsewhereIn(budgetTokens - sectionTokens(here)) };
}

/**
 * The prompt for `text` as the next message: the one path shared by the chat turn and the context
 * endpoint. Recall fills what the rest leaves of the prompt budget. A failing recall costs the reply
 * its recalled section, never the reply. `across`: the turn reads memory across chats (chat-turn.ts
 * decides when it may).
 */
export async function assemblePrompt(
  conversationId: string,
  memory: MemoryBuffer,
  text: string,
  across: AcrossChats | null = null,
  /**
   * The message with its files, as `read` gives it (the model reads it with a note of its files and
   * their text, and its images if it sees images; recall searches its words alone), and the stored
   * message it is (`id`), whose own files are not recalled: they are in it whole.
   */
  message: { id: string | null; read: () => Promise<PromptMessage> } | null = null,
): Promise<PromptPart[]> {
  const plain: PromptMessage = { text, images: [] };
  // With memory across chats, the profile is what all the user's conversations know; if that cannot be read, this one's.
  const [asked, saved, found, files] = await Promise.all([
    message
      ? message.read().catch((error: unknown) => {
          // The note of its files, if it cannot be read, costs the reply the note, not the reply.
          console.warn(`[chat] The files of a message of conversation ${conversationId} could not be read for its prompt.`, error);
          return plain;
        })
      : plain,
    across
      ? savedForPrompt(across.memoryId, conversationId, memory, text).catch((error: unknown) => {
          console.warn(`[memory] Saved memories could not be read for conversation ${conversationId}; using its own.`, error);
          return undefined;
        })
      : undefined,
    findBoth(conversationId, memory, text, across),
    recallFromFiles(conversationId, text, message?.id ?? null).catch((error: unknown) => {
      console.warn(`[memory] Recall from files failed for conversation ${conversationId}; replying without it.`, error);
      return [];
    }),
  ]);
  // Images count against the turn's token limits (chargePromptOverrun), not against what memory may say.
  const left = env().MEMORY_PROMPT_TOKENS - promptTokens(promptParts(memory, asked.text, [], saved));
  // Passages of files go first, within a third of what is left: a question about a document is answered by its pages.
  const fileLines = chooseFileLines(files, Math.floor(left * FILES_SHARE));
  const { here, elsewhere } = packBoth(found, left - (fileLines.length ? countTokens(filesSection(fileLines)) : 0));
  const parts = promptParts(memory, asked.text, here, saved, elsewhere, fileLines, asked.images);
  if (asked.release) parts[parts.length - 1].release = asked.release;
  return parts;
}
