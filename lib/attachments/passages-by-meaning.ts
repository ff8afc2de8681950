import "server-only";
import type { EmbeddingHandle } from "../ai/embeddings";
import { questionVector } from "../conversations/question-vector";
import { selectPassageVectors } from "../db/queries/attachment-queries";
import { decodeVector, similarity } from "../memory/embedding-vectors";
import { closestPassages } from "./closest-passages";

/** Passages compared at most: the latest files' first (about a 2,000-page document's, a couple of MB of vectors). */
const MAX_COMPARED = 4_000;
/** The closest passages kept, at most. */
const NEAREST = 12;

export interface MeantPassage {
  contentId: string;
  ordinal: number;
  similarity: number;
}

/**
 * The passages of files sent earlier in the conversation closest in meaning to `text`, best first:
 * those with a vector of the embedding model, compared with the question's (embedded once for all of
 * a turn's recall). An endpoint, which is paid for, is asked only when there is something to compare.
 */
export async function passagesByMeaning(
  conversationId: string,
  text: string,
  except: string | null,
  embedder: EmbeddingHandle,
): Promise<MeantPassage[]> {
  const unneeded = new AbortController();
  const early = embedder.costsTokens ? null : questionVector(embedder, text, unneeded.signal);
  try {
    const rows = await selectPassageVectors(conversationId, embedder.key, except, MAX_COMPARED);
    if (rows.length === 0) return [];
    const question = await (early ?? questionVector(embedder, text, unneeded.signal));
    const scored = rows.map((row) => ({
      contentId: row.contentId,
      ordinal: row.ordinal,
      similarity: similarity(question, decodeVector(row.embedding)),
    }));
    return closestPassages(scored, NEAREST);
  } finally {
    unneeded.abort();
  }
}
