import "server-only";
import { OpenAIEmbeddings } from "@langchain/openai";
import { type Env, env } from "../env";
import { unitVector } from "../memory/embedding-vectors";
import { BUILTIN_ENCODER_KEY, sentenceEncoder } from "./encoder/sentence-encoder";

/** An embedding model for recall: the built-in sentence encoder, or an endpoint's model. */
export interface EmbeddingHandle {
  /** Stored beside each vector: vectors of another model or size are never compared with these. */
  key: string;
  /** An endpoint's model is paid for in tokens, which the limits count; the built-in one costs CPU. */
  costsTokens: boolean;
  /** A question waits this long at most for its vector, since it runs before the reply's first token. */
  queryTimeoutMs: number;
  /** Texts embedded at once off the reply's path: the built-in encoder lets a question in between batches. */
  batchSize: number;
  /**
   * The share of its time background embedding may keep the model busy: the built-in encoder shares
   * the machine's cores with the server, PostgreSQL and the rest, so it rests between batches.
   */
  backgroundShare: number;
  /** Unit-length vectors, one per text, in order. `urgent`: a question, before background work. */
  embed(texts: string[], options?: { urgent?: boolean; signal?: AbortSignal }): Promise<Float32Array[]>;
}

/** An endpoint's question waits this long at most. */
const ENDPOINT_TIMEOUT_MS = 10_000;
/** Texts sent per request to an endpoint. */
const ENDPOINT_BATCH_SIZE = 64;
/**
 * The built-in encoder takes about 45 ms for a question and 20 ms a message in a batch (2 cores):
 * a question waits at most one batch of 8, and longer than this only when the machine is overloaded.
 */
const BUILTIN_TIMEOUT_MS = 1_500;
const BUILTIN_BATCH_SIZE = 8;
/** Half of one core at most for background embedding: a 600-message import is read in about 25 s. */
const BUILTIN_BACKGROUND_SHARE = 0.5;

/** Which embeddings recall uses under `config`. */
export function embeddingsMode(config: Env): "builtin" | "endpoint" | "off" {
  return config.MEMORY_EMBEDDINGS ?? (config.OPENAI_EMBEDDING_MODEL ? "endpoint" : "builtin");
}

function endpointEmbeddings(config: Env): EmbeddingHandle | null {
  if (!config.OPENAI_EMBEDDING_MODEL || (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL)) return null;
  const dimensions = config.OPENAI_EMBEDDING_DIMENSIONS || undefined;
  const model = new OpenAIEmbeddings({
    model: config.OPENAI_EMBEDDING_MODEL,
    apiKey: config.OPENAI_API_KEY ?? "not-needed",
    configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : undefined,
    dimensions,
    timeout: Math.min(config.OPENAI_TIMEOUT_MS, ENDPOINT_TIMEOUT_MS),
    maxRetries: config.OPENAI_MAX_RETRIES,
    batchSize: ENDPOINT_BATCH_SIZE,
  });
  return {
    key: `${config.OPENAI_EMBEDDING_MODEL}/${dimensions ?? "default"}`,
    costsTokens: true,
    queryTimeoutMs: ENDPOINT_TIMEOUT_MS,
    batchSize: ENDPOINT_BATCH_SIZE,
    backgroundShare: 1,
    embed: async (texts) => (await model.embedDocuments(texts)).map(unitVector),
  };
}

function builtinEmbeddings(): EmbeddingHandle {
  return {
    key: BUILTIN_ENCODER_KEY,
    costsTokens: false,
    queryTimeoutMs: BUILTIN_TIMEOUT_MS,
    batchSize: BUILTIN_BATCH_SIZE,
    backgroundShare: BUILTIN_BACKGROUND_SHARE,
    embed: (texts, options) => sentenceEncoder().embed(texts, options),
  };
}

export function createEmbeddings(config: Env): EmbeddingHandle | null {
  const mode = embeddingsMode(config);
  return mode === "builtin" ? builtinEmbeddings() : mode === "endpoint" ? endpointEmbeddings(config) : null;
}

let cached: EmbeddingHandle | null | undefined;

export function embeddingModel(): EmbeddingHandle | null {
  if (cached === undefined) cached = createEmbeddings(env());
  return cached;
}
