import "server-only";
import { embeddingModel } from "../ai/embeddings";
import {
  countUnembedded,
  hasEmbeddingsBefore,
  selectNearestEmbeddings,
  selectUnembedded,
  upsertEmbeddings,
} from "../db/queries/recall-queries";
import { spendSideTokens } from "../limits/enforce-limits";
import { decodeVector, encodeVector, signBits, similarity } from "../memory/embedding-vectors";
import { type HeldVector, nearestHeld } from "../memory/nearest-vectors";
import { countTokens } from "../memory/tokens";
import { isOnPath } from "./branch-path";
import { MAX_POSITION } from "./inputs";
import { questionVector } from "./question-vector";
import { currentVectors } from "./vector-cache";

/** Messages shortlisted by their vectors' signs, then ranked exactly. */
export const SHORTLIST = 512;
/** The most similar messages that join full-text search's candidates. */
export const SIMILAR = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Messages embedded at most per run: a conversation with more waits its turn again behind the others. */
export const EMBED_PER_RUN = 2_048;
/** Far under embedding models' input limits (8,191 tokens for OpenAI's), whatever the script. */
const EMBED_MAX_TOKENS = 2_000;

/** The start of `text` within `maxTokens`: characters can be several tokens each (emoji, some scripts). */
function withinTokens(text: string, maxTokens: number): string {
  let cut = text;
  for (let tokens = countTokens(cut); tokens > maxTokens; tokens = countTokens(cut)) {
    cut = cut.slice(0, Math.floor(((cut.length * maxTokens) / tokens) * 0.95));
  }
  return cut.toWellFormed();
}

/**
 * With an embedding model: the older messages before `beforeSeq` closest in meaning to `text`, by
 * seq, with their cosine similarity. Without one: none.
 */
export async function similarMessages(conversationId: string, text: string, beforeSeq: number): Promise<Map<number, number>> {
  const embedder = embeddingModel();
  if (!embedder) return new Map();
  // The built-in encoder embeds the question while the database says whether there is anything to
  // compare it with (the encoder is the slower, and the answer is nearly always yes); an endpoint,
  // which is paid for and cannot be called back, is asked only once the answer is yes.
  const unneeded = new AbortController();
  const embedQuestion = () => questionVector(embedder, text, unneeded.signal);
  const early = embedder.costsTokens ? null : embedQuestion();
  // Meanwhile this instance's copy of the vectors is brought up to date; if it is not by the time the
  // question is embedded, PostgreSQL shortlists them as before.
  const copy = settledValue(currentVectors(conversationId, embedder.key));
  let compared = false;
  try {
    compared = await hasEmbeddingsBefore(conversationId, embedder.key, beforeSeq);
  } finally {
    // A new conversation, one not yet embedded, or a failed look: the question's embedding is dropped.
    if (!compared) unneeded.abort();
  }
  if (!compared) return new Map();
  const question = early ?? embedQuestion();
  const query = await question;
  const held = copy();
  if (!held) return nearestMessages(conversationId, embedder.key, query, beforeSeq);
  const accepted = (vector: HeldVector) => vector.seq < beforeSeq && isOnPath(held.path, vector);
  return nearestHeld(held.vectors, query, accepted, SHORTLIST, SIMILAR);
}

/** A getter for what `work` gave, once it has; null before, or if it failed (which is then no error). */
function settledValue<T>(work: Promise<T | null>): () => T | null {
  let value: T | null = null;
  work.then(
    (result) => {
      value = result;
    },
    () => undefined,
  );
  return () => value;
}

/** How many of the conversation's recallable messages have no vector from the current model yet (0 without one). */
export async function unembeddedCount(conversationId: string): Promise<number> {
  const embedder = embeddingModel();
  return embedder ? countUnembedded(conversationId, embedder.key) : 0;
}

/** The messages whose vectors (of model `key`) are nearest `query`: shortlisted by signs in PostgreSQL, ranked here exactly. */
export async function nearestMessages(
  conversationId: string,
  key: string,
  query: Float32Array,
  beforeSeq: number,
): Promise<Map<number, number>> {
  const rows = await selectNearestEmbeddings(conversationId, key, signBits(query), beforeSeq, SHORTLIST);
  const ranked = rows
    .map((row) => ({ seq: row.seq, score: similarity(query, decodeVector(row.vector)) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, SIMILAR);
  return new Map(ranked.map((row) => [row.seq, row.score]));
}

/** Messages read per statement when embedding: the encoder takes them a batch at a time. */
const EMBED_PAGE = 256;

/**
 * Embeds the recallable messages that have no vector from the current model, latest first, batch by
 * batch while the token budgets allow (an endpoint's), at most EMBED_PER_RUN, and returns how many it
 * stored. Off the reply's path (lib/conversations/embedding-queue.ts runs it), `paced` to the model's
 * background share (the evaluation embeds unpaced).
 */
export async function embedRecallable(conversationId: string, client: string, { paced = true } = {}): Promise<number> {
  const embedder = embeddingModel();
  if (!embedder) return 0;
  let stored = 0;
  // Each page starts below the last: messages already embedded are not looked at again.
  let before = MAX_POSITION;
  while (stored < EMBED_PER_RUN) {
    const page = await selectUnembedded(conversationId, embedder.key, before, Math.min(EMBED_PAGE, EMBED_PER_RUN - stored));
    if (page.length === 0) break;
    before = page[page.length - 1].seq;
    for (let at = 0; at < page.length; at += embedder.batchSize) {
      const rows = page.slice(at, at + embedder.batchSize);
      const texts = rows.map((row) => withinTokens(row.content, EMBED_MAX_TOKENS));
      const tokens = texts.reduce((sum, text) => sum + countTokens(text), 0);
      if (embedder.costsTokens && !(await spendSideTokens(client, tokens))) return stored;
      const started = performance.now();
      const vectors = await embedder.embed(texts);
      // Rest as long as the batch took, and more, so background work keeps to its share of the model.
      if (paced && embedder.backgroundShare < 1) await sleep((performance.now() - started) * (1 / embedder.backgroundShare - 1));
      if (vectors.length !== rows.length) throw new Error(`The embedding model gave ${vectors.length} vectors for ${rows.length} texts.`);
      const embedded = rows.map((row, i) => ({ seq: row.seq, signs: signBits(vectors[i]), vector: encodeVector(vectors[i]) }));
      await upsertEmbeddings(conversationId, embedder.key, embedded);
      stored += rows.length;
    }
  }
  return stored;
}
