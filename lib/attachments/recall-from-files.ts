import "server-only";
import { selectFilePassages } from "../db/queries/attachment-queries";
import { searchTerms } from "../memory/recall-terms";
import type { FileLine } from "./files-section";
import { namedPages, withoutNamedPages } from "./named-pages";

/** Hits read per word: a word in more passages than this says little about which one to find. */
const HITS_PER_WORD = 200;
/** Passages read at most, best first: more than a third of a recall budget holds. */
const PASSAGES = 12;

/**
 * Passages of files sent earlier in the conversation (on its current branch, still in recall) on the
 * pages the question names or holding its words, best first; not those of message `except`, which
 * carries its files whole.
 */
export async function recallFromFiles(conversationId: string, text: string, except: string | null): Promise<FileLine[]> {
  const pages = namedPages(text);
  const words = searchTerms(pages.length > 0 ? withoutNamedPages(text) : text).map((term) => term.word);
  const search = { words, pages };
  if (search.words.length === 0 && search.pages.length === 0) return [];
  return selectFilePassages(conversationId, search, except, { perWord: HITS_PER_WORD, passages: PASSAGES });
}
