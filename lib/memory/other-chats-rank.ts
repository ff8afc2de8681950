import { termValues } from "./recall-rank";
import type { SearchTerm } from "./recall-terms";

/** Another of the user's chats, with how many of its indexed messages hold each search term. */
export interface OtherChat {
  conversationId: string;
  title: string;
  indexedThrough: number;
  counts: number[];
}

/** A chat worth searching: how much of the question it holds, and how recently it was used (1 the latest, 0 the oldest). */
export interface ChosenChat {
  chat: OtherChat;
  score: number;
  recency: number;
}

/** A chat scoring less than this share of the best chat is not searched. */
const MIN_SHARE_OF_BEST = 0.2;

/**
 * How much finding each term is worth across all the other chats: one collection, so a word rare in
 * every chat counts more than a word each of them holds, and scores compare from chat to chat.
 */
export function otherChatValues(terms: SearchTerm[], chats: OtherChat[]): number[] {
  const counts = terms.map((_, term) => chats.reduce((sum, chat) => sum + (chat.counts[term] ?? 0), 0));
  const indexed = chats.reduce((sum, chat) => sum + Math.max(chat.indexedThrough, 0), 0);
  return termValues(terms, counts, indexed);
}

// BM25's constants, a chat being a document and a term's frequency the number of its messages holding it.
const K1 = 1.2;
const B = 0.75;

/**
 * The chats to search, best first, at most `limit`: each scored by BM25 on how many of its messages
 * hold each term, so a long chat that mentions a word once weighs less than a short one about it;
 * later chats first on a tie. `chats` come most recently used first.
 */
export function chooseChats(chats: OtherChat[], values: number[], limit: number): ChosenChat[] {
  const averageLength = Math.max(1, chats.reduce((sum, chat) => sum + Math.max(chat.indexedThrough, 1), 0) / Math.max(chats.length, 1));
  const scored = chats.map((chat, index) => {
    const norm = K1 * (1 - B + (B * Math.max(chat.indexedThrough, 1)) / averageLength);
    return {
      chat,
      score: values.reduce((sum, value, term) => {
        const held = chat.counts[term] ?? 0;
        return sum + (held > 0 ? (value * held * (K1 + 1)) / (held + norm) : 0);
      }, 0),
      recency: chats.length > 1 ? 1 - index / (chats.length - 1) : 1,
    };
  });
  const best = Math.max(0, ...scored.map((chat) => chat.score));
  if (best <= 0) return [];
  return scored
    .filter((chat) => chat.score >= best * MIN_SHARE_OF_BEST)
    .sort((a, b) => b.score - a.score || b.recency - a.recency)
    .slice(0, limit);
}
