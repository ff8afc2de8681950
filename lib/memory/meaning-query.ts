import { SEARCH_WORD, type SearchTerm } from "./recall-terms";

/** A word in more than this share of the conversation's messages says nothing about which one to find. */
export const COMMON_SHARE = 1 / 3;
/** Below this many messages, shares are too coarse to call a word common. */
const MIN_MESSAGES = 20;

/**
 * The question as it is embedded for recall by meaning: without the words (search terms) that most
 * of the conversation's messages hold. Those are names above all: in a dialogue each message starts
 * with its speaker's, and a question naming one made the encoder favour all of that person's messages
 * over the one that holds the answer. Stop words stay (the index never counts them); a question that
 * would be left without a word stays whole.
 */
export function meaningQuery(text: string, terms: SearchTerm[], counts: number[], messages: number): string {
  if (messages < MIN_MESSAGES) return text;
  const common = new Set(terms.filter((_, index) => (counts[index] ?? 0) > COMMON_SHARE * messages).map((term) => term.word));
  if (common.size === 0) return text;
  const query = text
    .replace(SEARCH_WORD, (word) => (common.has(word.toLowerCase()) ? "" : word))
    .replace(/\s+/g, " ")
    .trim();
  return /[\p{L}\p{N}]/u.test(query) ? query : text;
}
