import "server-only";
import { embeddingModel } from "../ai/embeddings";
import { selectOtherChatCandidates, selectOtherChatHits, selectOtherChatTerms } from "../db/queries/other-chats-queries";
import { env } from "../env";
import { chooseChats, type OtherChat, otherChatValues } from "../memory/other-chats-rank";
import type { OtherChatCandidate } from "../memory/other-chats-select";
import { fuseByRank, planHitCaps, rankMessages } from "../memory/recall-rank";
import type { SearchTerm } from "../memory/recall-terms";
import { similarInOtherChats } from "./other-chats-meaning";
import { questionVector } from "./question-vector";

/** Chats searched message by message, the best by their terms. */
const CHATS = 12;
/** Messages read in stage one over all of them, and at most in one. */
const HIT_BUDGET = 1_200;
const HIT_BUDGET_PER_CHAT = 300;
/** The question's words searched for in the other chats, the weightiest first: each is looked up in every chat. */
const MAX_TERMS = 8;
/** Messages read in full in stage two, over all of them. */
const CANDIDATES = 80;
/** Of two equal matches, the one in the more recently used chat wins: a changed mind is recalled as changed. */
const CHAT_RECENCY = 0.1;

/** Words and meaning count alike in the ranking, as in a conversation's own recall. */
const MEANING_WEIGHT = 0.5;

/** A message found in another chat before it is read: its chat, its score by words, and whether only as a neighbour. */
interface FoundElsewhere {
  chat: OtherChat;
  seq: number;
  score: number;
  neighbour: boolean;
}

const keyOf = (conversationId: string, seq: number) => `${conversationId}:${seq}`;

/** Stage one by words in the chats that hold the terms best: their messages and neighbours, ranked on rarities over all the chats. */
async function foundByWords(chats: OtherChat[], terms: SearchTerm[], words: string[]): Promise<Map<string, FoundElsewhere>> {
  const values = otherChatValues(terms, chats);
  // Each chat's reads planned from its own counts, best chats first, until the budget is spent.
  let left = HIT_BUDGET;
  const planned = chooseChats(chats, values, CHATS).flatMap((found) => {
    if (left <= 0) return [];
    const caps = planHitCaps(found.chat.counts, Math.min(HIT_BUDGET_PER_CHAT, left));
    left -= caps.reduce((sum, cap) => sum + cap, 0);
    return caps.some((cap) => cap > 0) ? [{ ...found, caps }] : [];
  });
  const found = new Map<string, FoundElsewhere>();
  if (planned.length === 0) return found;
  const hits = await selectOtherChatHits(
    planned.map(({ chat }) => chat.conversationId),
    words,
    planned.flatMap(({ caps }) => caps),
  );
  for (const { chat, recency } of planned) {
    const ranked = rankMessages(
      hits.filter((hit) => hit.conversationId === chat.conversationId),
      values,
      chat.indexedThrough + 1,
    );
    for (const [seq, message] of ranked)
      found.set(keyOf(chat.conversationId, seq), {
        chat,
        seq,
        score: message.score * (1 + CHAT_RECENCY * recency),
        neighbour: message.neighbour,
      });
  }
  return found;
}

/**
 * Recall's candidates from the user's other chats (those feeding browser memory `memoryId`, at most
 * MEMORY_CONVERSATIONS, not `conversationId`): which chats hold the terms, by each chat's term counts;
 * in the best of them, the messages that hold them and their neighbours (one statement), ranked on
 * rarities over all the chats (lib/memory/other-chats-rank.ts). With an embedding model, the messages
 * of the most recent chats closest in meaning join them, fused by rank. The best are read in full.
 * Messages a chat keeps to itself never come (lib/db/queries/other-chats-queries.ts).
 */
export async function otherChatCandidates(
  memoryId: string,
  conversationId: string,
  text: string,
  asked: SearchTerm[],
): Promise<OtherChatCandidate[]> {
  const terms = asked.slice(0, MAX_TERMS);
  const words = terms.map((term) => term.word);
  const embedder = embeddingModel();
  // The built-in encoder starts at once; an endpoint, which is paid for, only once there are chats to compare with.
  const unneeded = new AbortController();
  let question = embedder && !embedder.costsTokens ? questionVector(embedder, text, unneeded.signal) : null;
  const chats = await selectOtherChatTerms(memoryId, conversationId, words, env().MEMORY_CONVERSATIONS).catch((error: unknown) => {
    unneeded.abort();
    throw error;
  });
  // Nothing indexed in any other chat: nothing to compare the question with.
  if (chats.every((chat) => chat.indexedThrough === 0)) {
    unneeded.abort();
    return [];
  }
  if (embedder && !question) question = questionVector(embedder, text);
  const [byWords, byMeaning] = await Promise.all([
    words.length > 0 ? foundByWords(chats, terms, words) : new Map<string, FoundElsewhere>(),
    embedder && question
      ? similarInOtherChats(chats, embedder, question).catch((error: unknown) => {
          const reason = error instanceof Error && error.name === "TimeoutError" ? error.message : error;
          console.warn(`[memory] Embedding search of other chats failed for conversation ${conversationId}; by words alone.`, reason);
          return new Map<string, number>();
        })
      : new Map<string, number>(),
  ]);
  const scores = fuseKeyed(byWords, byMeaning);
  const best = [...scores.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, CANDIDATES)
    .map(([key]) => key);
  if (best.length === 0) return [];
  const chatOf = new Map(chats.map((chat) => [chat.conversationId, chat]));
  const wanted = best.map((key) => {
    const at = key.lastIndexOf(":");
    return { conversationId: key.slice(0, at), seq: Number(key.slice(at + 1)) };
  });
  const rows = await selectOtherChatCandidates(memoryId, wanted);
  // Chats numbered in the order of their best line that may be read: "chat 1" holds the best match.
  const labels = new Map<string, number>();
  for (const row of [...rows].sort(
    (a, b) => (scores.get(keyOf(b.conversationId, b.seq)) ?? 0) - (scores.get(keyOf(a.conversationId, a.seq)) ?? 0),
  ))
    if (!labels.has(row.conversationId)) labels.set(row.conversationId, labels.size + 1);
  return rows.flatMap((row) => {
    const chat = chatOf.get(row.conversationId);
    if (!chat) return [];
    const key = keyOf(row.conversationId, row.seq);
    const words = byWords.get(key);
    return [
      {
        seq: row.seq,
        role: row.role,
        content: row.content,
        createdAt: row.createdAt,
        foundBy: words?.neighbour === false ? "words" : byMeaning.has(key) ? "meaning" : "neighbour",
        score: scores.get(key) ?? 0,
        chat: { conversationId: chat.conversationId, title: chat.title },
        label: labels.get(row.conversationId) ?? 0,
      },
    ];
  });
}

/** Words' and meaning's rankings as one, by place (fuseByRank); words alone when meaning found nothing. */
function fuseKeyed(byWords: Map<string, FoundElsewhere>, byMeaning: Map<string, number>): Map<string, number> {
  const wordScores = new Map([...byWords].map(([key, found]) => [key, found.score] as const));
  if (byMeaning.size === 0) return wordScores;
  const keys = [...new Set([...wordScores.keys(), ...byMeaning.keys()])];
  const index = new Map(keys.map((key, i) => [key, i] as const));
  const numbered = (scores: Map<string, number>) => new Map([...scores].map(([key, score]) => [index.get(key) ?? 0, score] as const));
  const fused = fuseByRank([
    { scores: numbered(wordScores), weight: 1 - MEANING_WEIGHT },
    { scores: numbered(byMeaning), weight: MEANING_WEIGHT },
  ]);
  return new Map([...fused].map(([i, score]) => [keys[i], score] as const));
}
