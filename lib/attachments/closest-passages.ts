// Which passages are close enough in meaning to a question to be recalled. Pure.

/** A passage below this cosine similarity is never about the question, whatever the others score. */
export const MIN_SIMILARITY = 0.2;
/**
 * How far above the passages' usual similarity a kept one must stand, in standard deviations: an
 * embedding model gives every text some similarity to any question (the built-in encoder 0 to 0.3 for
 * unrelated sentences), so a passage counts by how it stands out among the file's, not by its score.
 */
const STANDS_OUT = 1;
/** A passage this close is about the question even among few or alike passages, where standing out means little. */
export const STRONG_SIMILARITY = 0.4;

/** The passages that stand out in meaning, best first, at most `nearest`. */
export function closestPassages<T extends { similarity: number }>(scored: T[], nearest: number): T[] {
  if (scored.length === 0) return [];
  const mean = scored.reduce((sum, passage) => sum + passage.similarity, 0) / scored.length;
  const spread = Math.sqrt(scored.reduce((sum, passage) => sum + (passage.similarity - mean) ** 2, 0) / scored.length);
  const cut = Math.max(MIN_SIMILARITY, mean + STANDS_OUT * spread);
  return scored
    .filter((passage) => passage.similarity >= STRONG_SIMILARITY || (spread > 0 && passage.similarity >= cut))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, nearest);
}
