import "server-only";
import { embeddingModel } from "../ai/embeddings";
import { selectUnembeddedContents, selectUnembeddedPassages, updatePassageEmbeddings } from "../db/queries/attachment-queries";
import { spendSideTokens } from "../limits/enforce-limits";
import { encodeVector } from "../memory/embedding-vectors";
import { countTokens } from "../memory/tokens";

/** Passages read per statement: a few of the model's batches. */
const PAGE = 64;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Gives each passage of content `contentId` a vector of the embedding model, a batch at a time and
 * resting between batches as message embedding does (the built-in encoder shares the machine). An
 * endpoint's tokens are counted against whoever uploaded the file; once they run out, the rest waits.
 * Returns how many it embedded.
 */
export async function embedPassages(contentId: string): Promise<number> {
  const embedder = embeddingModel();
  if (!embedder) return 0;
  let stored = 0;
  for (;;) {
    const page = await selectUnembeddedPassages(contentId, embedder.key, PAGE);
    if (page.length === 0) return stored;
    for (let at = 0; at < page.length; at += embedder.batchSize) {
      const rows = page.slice(at, at + embedder.batchSize);
      const texts = rows.map((row) => row.text);
      const client = rows[0].client;
      if (
        embedder.costsTokens &&
        !(
          client &&
          (await spendSideTokens(
            client,
            texts.reduce((sum, text) => sum + countTokens(text), 0),
          ))
        )
      )
        return stored;
      const started = performance.now();
      const vectors = await embedder.embed(texts);
      if (embedder.backgroundShare < 1) await sleep((performance.now() - started) * (1 / embedder.backgroundShare - 1));
      if (vectors.length !== rows.length) throw new Error(`The embedding model gave ${vectors.length} vectors for ${rows.length} texts.`);
      await updatePassageEmbeddings(
        contentId,
        embedder.key,
        rows.map((row) => row.ordinal),
        vectors.map(encodeVector),
      );
      stored += rows.length;
    }
  }
}

let queue: Promise<unknown> = Promise.resolve();
const waiting = new Set<string>();

/** Embeds a document's passages after it is read, one document at a time on this instance; each at most once in the queue. */
export function schedulePassageEmbedding(contentId: string): Promise<unknown> {
  if (!embeddingModel() || waiting.has(contentId)) return queue;
  waiting.add(contentId);
  queue = queue
    .then(() => {
      waiting.delete(contentId);
      return embedPassages(contentId);
    })
    .catch((error: unknown) => console.warn(`[attachments] Could not embed the passages of ${contentId}: ${String(error)}`));
  return queue;
}

/** Documents left without vectors (read before migration 027, or while their instance stopped) are embedded by the periodic sweep. */
export async function embedUnembeddedPassages(limit = 5): Promise<void> {
  if (!embeddingModel()) return;
  for (const contentId of await selectUnembeddedContents(limit)) void schedulePassageEmbedding(contentId);
}
