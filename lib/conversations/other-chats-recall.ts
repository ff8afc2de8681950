import "server-only";
import { selectOtherChatCandidates, selectOtherChatHits, selectOtherChatTerms } from "../db/queries/other-chats-queries";
import { env } from "../env";
import { chooseChats, otherChatValues } from "../memory/other-chats-rank";
import type { OtherChatCandidate } from "../memory/other-chats-select";
import { planHitCaps, rankMessages } from "../memory/recall-rank";
import type { SearchTerm } from "../memory/recall-terms";

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

/**
 * Recall's candidates from the user's other chats (those feeding browser memory `memoryId`, at most
 * MEMORY_CONVERSATIONS, not `conversationId`): which chats hold the terms, by each chat's term counts;
 * in the best of them, the messages that hold them and their neighbours (one statement), ranked on
 * rarities over all the chats (lib/memory/other-chats-rank.ts); the best of those read in full.
 * Messages a chat keeps to itself never come (lib/db/queries/other-chats-queries.ts).
 */
export async function otherChatCandidates(memoryId: string, conversationId: string, asked: SearchTerm[]): Promise<OtherChatCandidate[]> {
  const terms = asked.slice(0, MAX_TERMS);
  const words = terms.map((term) => term.word);
  if (words.length === 0) return [];
  const chats = await selectOtherChatTerms(memoryId, conversationId, words, env().MEMORY_CONVERSATIONS);
  const values = otherChatValues(terms, chats);
  const chosen = chooseChats(chats, values, CHATS);
  // Each chat's reads planned from its own counts, best chats first, until the budget is spent.
  let left = HIT_BUDGET;
  const planned = chosen.flatMap((found) => {
    if (left <= 0) return [];
    const caps = planHitCaps(found.chat.counts, Math.min(HIT_BUDGET_PER_CHAT, left));
    left -= caps.reduce((sum, cap) => sum + cap, 0);
    return caps.some((cap) => cap > 0) ? [{ ...found, caps }] : [];
  });
  if (planned.length === 0) return [];
  const hits = await selectOtherChatHits(
    planned.map(({ chat }) => chat.conversationId),
    words,
    planned.flatMap(({ caps }) => caps),
  );
  const ranked = planned.flatMap(({ chat, recency }, index) => {
    const found = rankMessages(
      hits.filter((hit) => hit.conversationId === chat.conversationId),
      values,
      chat.indexedThrough + 1,
    );
    return [...found].map(([seq, message]) => ({
      chat: { conversationId: chat.conversationId, title: chat.title },
      label: index + 1,
      seq,
      score: message.score * (1 + CHAT_RECENCY * recency),
      neighbour: message.neighbour,
    }));
  });
  const best = ranked.sort((a, b) => b.score - a.score).slice(0, CANDIDATES);
  if (best.length === 0) return [];
  const key = (conversationId: string, seq: number) => `${conversationId}:${seq}`;
  const wanted = new Map(best.map((found) => [key(found.chat.conversationId, found.seq), found]));
  const rows = await selectOtherChatCandidates(
    memoryId,
    best.map((found) => ({ conversationId: found.chat.conversationId, seq: found.seq })),
  );
  return rows.flatMap((row) => {
    const found = wanted.get(key(row.conversationId, row.seq));
    if (!found) return [];
    const { chat, label, score, neighbour } = found;
    return [
      {
        seq: row.seq,
        role: row.role,
        content: row.content,
        createdAt: row.createdAt,
        foundBy: neighbour ? "neighbour" : "words",
        score,
        chat,
        label,
      },
    ];
  });
}
