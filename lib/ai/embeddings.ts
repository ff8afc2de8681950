import "server-only";
import { OpenAIEmbeddings } from "@langchain/openai";
import { type Env, env } from "../env";
import { unitVector } from "../memory/embedding-vectors";

/** An embedding model for recall: only with a real endpoint and OPENAI_EMBEDDING_MODEL. */
export interface EmbeddingHandle {
  /** Stored beside each vector: vectors of another model or size are never compared with these. */
  key: string;
  /** Unit-length vectors, one per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** A query waits this long at most, since it runs before the reply's first token. */
const EMBED_TIMEOUT_MS = 10_000;
/** Texts sent per request. */
const BATCH_SIZE = 64;

export function createEmbeddings(config: Env): EmbeddingHandle | null {
  if (!config.OPENAI_EMBEDDING_MODEL || (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL)) return null;
  const dimensions = config.OPENAI_EMBEDDING_DIMENSIONS || undefined;
  const model = new OpenAIEmbeddings({
    model: config.OPENAI_EMBEDDING_MODEL,
    apiKey: config.OPENAI_API_KEY ?? "not-needed",
    configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : undefined,
    dimensions,
    timeout: Math.min(config.OPENAI_TIMEOUT_MS, EMBED_TIMEOUT_MS),
    maxRetries: config.OPENAI_MAX_RETRIES,
    batchSize: BATCH_SIZE,
  });
  return {
    key: `${config.OPENAI_EMBEDDING_MODEL}/${dimensions ?? "default"}`,
    embed: async (texts) => (await model.embedDocuments(texts)).map(unitVector),
  };
}

let cached: EmbeddingHandle | null | undefined;

export function embeddingModel(): EmbeddingHandle | null {
  if (cached === undefined) cached = createEmbeddings(env());
  return cached;
}
