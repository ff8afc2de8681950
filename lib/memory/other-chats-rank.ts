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

/** A chat holding less than this share of the best chat's terms is not searched. */
const MIN_SHARE_OF_BEST = 0.3;

/**
 * How much finding each term is worth across all the other chats: one collection, so a word rare in
 * every chat counts more than a word each of them holds, and scores compare from chat to chat.
 */
export function otherChatValues(terms: SearchTerm[], chats: OtherChat[]): number[] {
  const counts = terms.map((_, term) => chats.reduce((sum, chat) => sum + (chat.counts[term] ?? 0), 0));
  const indexed = chats.reduce((sum, chat) => sum + Math.max(chat.indexedThrough, 0), 0);
  return termValues(terms, counts, indexed);
}

/**
 * The chats to search, best first, at most `limit`: each scored by the values of the terms it holds
 * at all (which words of the question it has, not how often), later chats first on a tie. `chats` come
 * most recently used first.
 */
export function chooseChats(chats: OtherChat[], values: number[], limit: number): ChosenChat[] {
  const scored = chats.map((chat, index) => ({
    chat,
    score: values.reduce((sum, value, term) => sum + ((chat.counts[term] ?? 0) > 0 ? value : 0), 0),
    recency: chats.length > 1 ? 1 - index / (chats.length - 1) : 1,
  }));
  const best = Math.max(0, ...scored.map((chat) => chat.score));
  if (best <= 0) return [];
  return scored
    .filter((chat) => chat.score >= best * MIN_SHARE_OF_BEST)
    .sort((a, b) => b.score - a.score || b.recency - a.recency)
    .slice(0, limit);
}
