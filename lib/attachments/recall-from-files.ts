import "server-only";
import { embeddingModel } from "../ai/embeddings";
import { selectFilePassages } from "../db/queries/attachment-queries";
import { searchTerms } from "../memory/recall-terms";
import type { FileLine } from "./files-section";
import { namedPages, withoutNamedPages } from "./named-pages";
import { passagesByMeaning } from "./passages-by-meaning";

/** Hits read per word: a word in more passages than this says little about which one to find. */
const HITS_PER_WORD = 200;
/** Passages read at most, best first: more than a third of a recall budget holds. */
const PASSAGES = 12;

/**
 * Passages of files sent earlier in the conversation (on its current branch, still in recall) on the
 * pages the question names, holding its words, or close to it in meaning, best first; not those of message `except`, which
 * carries its files whole.
 */
export async function recallFromFiles(conversationId: string, text: string, except: string | null): Promise<FileLine[]> {
  const pages = namedPages(text);
  const words = searchTerms(pages.length > 0 ? withoutNamedPages(text) : text).map((term) => term.word);
  // A question that names a page is answered by that page: by meaning, every page of a document is
  // about as close to "page 7" as page 7 is.
  const embedder = pages.length > 0 ? null : embeddingModel();
  // Meaning, when it cannot be had in time, costs the search its meaning, not its words.
  const meant = embedder
    ? await passagesByMeaning(conversationId, text, except, embedder).catch((error: unknown) => {
        console.warn(`[memory] Recall by meaning in files failed for conversation ${conversationId}: ${String(error)}`);
        return [];
      })
    : [];
  if (words.length === 0 && pages.length === 0 && meant.length === 0) return [];
  return selectFilePassages(conversationId, { words, pages, meant }, except, { perWord: HITS_PER_WORD, passages: PASSAGES });
}
