import "server-only";
import { z } from "zod";
import type { ImportLimits } from "./conversations/import/parse-import";
import type { AbuseLimits, RouteLimits } from "./limits/limit-rules";
import { LIMIT_VARIABLES, type LimitVariable } from "./limits/limit-variables";
import type { MemoryLimits } from "./memory/bounds";

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const optionalString = z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional());

const integer = (fallback: number, min: number, max: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

const postgresUrl = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
      message: "must be a postgres:// or postgresql:// URL",
    })
    .optional(),
);

const httpUrl = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), {
      message: "must be an http:// or https:// URL",
    })
    .optional(),
);

/** The abuse limits (lib/limits/limit-variables.ts lists them with their defaults). */
const limitSchemas = Object.fromEntries(
  Object.entries(LIMIT_VARIABLES).map(([name, { fallback, max }]) => [name, integer(fallback, 0, max)]),
) as { [Name in LimitVariable]: ReturnType<typeof integer> };

export const envSchema = z.object({
  /** A PostgreSQL server to use. Unset: an embedded PostgreSQL is started in EMBEDDED_PG_DIR. */
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: integer(10, 1, 200),
  EMBEDDED_PG_DIR: optionalString,
  EMBEDDED_PG_PORT: integer(54329, 1024, 65535),

  /** Either of these selects a real OpenAI-compatible model; neither selects the offline model. */
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: httpUrl,
  OPENAI_MODEL: z.preprocess(emptyAsUndefined, z.string().trim().min(1).default("gpt-4o-mini")),
  /**
   * The models a conversation may choose in the Model picker, comma- or space-separated; OPENAI_MODEL
   * is the default and always offered. Unset: what the endpoint's /v1/models lists (cached 10 minutes).
   */
  OPENAI_MODELS: z.preprocess(
    (value) => (typeof value === "string" ? value.split(/[\s,]+/).filter(Boolean) : []),
    z.array(z.string().max(200)).max(100),
  ),
  /**
   * The models that take images (sent to them as image parts), comma- or space-separated; a trailing *
   * matches any ending. Besides these, any model the endpoint's /v1/models says takes images. "none": no model.
   */
  OPENAI_VISION_MODELS: z.preprocess(
    (value) =>
      (typeof value === "string" ? value : "gpt-4o*,chatgpt-4o*,gpt-4.1*,gpt-4.5*,gpt-4-turbo*,gpt-5*,o1,o3,o3-pro*,o4-mini*")
        .split(/[\s,]+/)
        .filter((name) => name && name !== "none"),
    z.array(z.string().max(200)).max(100),
  ),
  OPENAI_TIMEOUT_MS: integer(60_000, 1_000, 600_000),
  /** Retries multiply cost and load when the provider is failing or rate limiting; Retry in the UI is one click. */
  OPENAI_MAX_RETRIES: integer(0, 0, 10),
  /** Sent as max_tokens with every model call, and counted in the token budgets below. */
  OPENAI_MAX_OUTPUT_TOKENS: integer(1_024, 16, 100_000),
  OFFLINE_MODEL_DELAY_MS: integer(15, 0, 5_000),
  /** Benchmarks only: "1" serves POST /api/bench/ceiling, the framework's ceiling for a turn (bench scenario 13). */
  BENCH_CEILING: z.enum(["0", "1"]).default("0"),
  /**
   * With a real endpoint: an embedding model (e.g. text-embedding-3-small) adds similarity of meaning
   * to recall's full-text search. Unset, or with the offline model: full-text search alone.
   */
  OPENAI_EMBEDDING_MODEL: optionalString,
  /** Dimensions asked of the embedding model (text-embedding-3-* shorten on request); 0 keeps its own. */
  OPENAI_EMBEDDING_DIMENSIONS: integer(0, 0, 4_096),
  /**
   * Where recall's embeddings come from: the built-in sentence encoder (a worker thread), the endpoint's
   * OPENAI_EMBEDDING_MODEL, or none (recall by words alone). Unset: the endpoint's when that model is
   * set, else the built-in one.
   */
  MEMORY_EMBEDDINGS: z.preprocess(emptyAsUndefined, z.enum(["builtin", "endpoint", "off"]).optional()),

  /** Token budget of the whole prompt: recall fills what instructions, summary, profile, window and the new message leave. */
  MEMORY_PROMPT_TOKENS: integer(3_000, 500, 200_000),
  /** Token budget of the live message window (always at least the latest exchange); older messages are folded into the summary. */
  MEMORY_WINDOW_TOKENS: integer(600, 100, 100_000),
  /** Token budget of what is known about the user across their conversations (the profile of the prompt). */
  MEMORY_SAVED_TOKENS: integer(600, 50, 20_000),
  /** The conversations of a browser whose memory counts, the most recently used first. */
  MEMORY_CONVERSATIONS: integer(500, 1, 5_000),
  /** Hard cap on the serialized memoryBuffer. */
  MEMORY_MAX_BYTES: integer(65_536, 8_192, 1_048_576),
  MESSAGE_MAX_CHARS: integer(16_000, 1, 200_000),
  REQUEST_MAX_BYTES: integer(262_144, 1_024, 10_485_760),
  /** POST /api/conversations/import: the body's size, and what one import may hold. */
  IMPORT_MAX_BYTES: integer(52_428_800, 1_024, 1_073_741_824),
  /** A zip import (an export with its files): the whole zip, written to a temporary file as it arrives. */
  IMPORT_ARCHIVE_MAX_BYTES: integer(262_144_000, 1_024, 10_737_418_240),
  IMPORT_MAX_CONVERSATIONS: integer(250, 1, 500),
  IMPORT_MAX_MESSAGES: integer(20_000, 1, 1_000_000),
  IMPORT_MESSAGE_MAX_CHARS: integer(100_000, 1, 10_000_000),
  /** Attachments (docs/attachments.md): a file's largest size, files a message, and what one client may keep stored (0: no quota). */
  ATTACHMENT_MAX_BYTES: integer(20_971_520, 1_024, 1_073_741_824),
  ATTACHMENTS_PER_MESSAGE: integer(10, 1, 100),
  ATTACHMENT_STORAGE_PER_CLIENT_BYTES: integer(1_073_741_824, 0, 1_099_511_627_776),
  /** Reading a document's text (off the request path) stops after this long: it is then marked unreadable. */
  ATTACHMENT_EXTRACT_TIMEOUT_MS: integer(30_000, 100, 600_000),
  /** Tokens of an attached document that go in the prompt of the turn that carries it. */
  ATTACHMENT_PROMPT_TOKENS: integer(6_000, 0, 200_000),
  /** The images a turn sends a model that sees them, in bytes over all of them: the rest are described in words. */
  ATTACHMENT_VISION_BYTES: integer(8_388_608, 0, 52_428_800),
  /** An import's body must arrive at this rate on average after its first 10 s, or it is cut (UPLOAD_TOO_SLOW); 0 waits forever. */
  IMPORT_MIN_BYTES_PER_SECOND: integer(16_384, 0, 1_073_741_824),
  /**
   * Abuse limits (lib/limits), shared by every instance through PostgreSQL; 0 turns a limit off.
   * "Client" is the address the request came from: the socket's, or with TRUST_PROXY_HOPS = n the
   * address that the n-th proxy from this server appended to X-Forwarded-For.
   */
  TRUST_PROXY_HOPS: integer(0, 0, 10),
  ...limitSchemas,
  /**
   * Origins allowed to show the app in a frame, space-separated ("https://intranet.example.com").
   * Unset: no site may frame it, so no page can overlay its Delete and Clear memory buttons.
   */
  FRAME_ANCESTORS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .refine((value) => value.split(/\s+/).every((origin) => /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(origin)), {
        message: "must be origins such as https://example.com, separated by spaces",
      })
      .optional(),
  ),
  /** On SIGTERM/SIGINT, how long replies in progress get to finish before they are stored as interrupted. */
  SHUTDOWN_GRACE_MS: integer(5_000, 0, 60_000),
  /** A stream (export, events, a followed reply) whose client takes nothing for this long is ended. */
  STREAM_IDLE_MS: integer(30_000, 100, 600_000),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Settings that would otherwise be ignored in silence: each says what to set instead. */
function conflicts(source: Record<string, string | undefined>, config: Env): string[] {
  const found: string[] = [];
  if (source.MEMORY_RECALL_TOKENS)
    found.push(
      "MEMORY_RECALL_TOKENS: replaced by MEMORY_PROMPT_TOKENS (the whole prompt; recall fills what the rest leaves). Remove it, and set MEMORY_EMBEDDINGS=off and a small MEMORY_PROMPT_TOKENS for less recall.",
    );
  if (config.MEMORY_EMBEDDINGS === "endpoint" && !config.OPENAI_EMBEDDING_MODEL)
    found.push("MEMORY_EMBEDDINGS: endpoint needs OPENAI_EMBEDDING_MODEL (and OPENAI_API_KEY or OPENAI_BASE_URL).");
  return found;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`));
  }
  const found = conflicts(source, result.data);
  if (found.length > 0) throw new EnvError(found);
  return result.data;
}

let cached: Env | undefined;

/** The process configuration, validated on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function importLimits(): ImportLimits {
  const config = env();
  return {
    maxConversations: config.IMPORT_MAX_CONVERSATIONS,
    maxMessages: config.IMPORT_MAX_MESSAGES,
    maxMessageChars: config.IMPORT_MESSAGE_MAX_CHARS,
  };
}

export function memoryLimits(): MemoryLimits {
  const config = env();
  return { windowTokens: config.MEMORY_WINDOW_TOKENS, maxBytes: config.MEMORY_MAX_BYTES };
}

export function abuseLimits(): AbuseLimits {
  const config = env();
  return {
    turnsPerMinute: {
      client: config.LIMIT_TURNS_PER_MINUTE_PER_CLIENT,
      conversation: config.LIMIT_TURNS_PER_MINUTE_PER_CONVERSATION,
      all: config.LIMIT_TURNS_PER_MINUTE,
    },
    liveReplies: {
      client: config.LIMIT_LIVE_REPLIES_PER_CLIENT,
      conversation: config.LIMIT_LIVE_REPLIES_PER_CONVERSATION,
      all: config.LIMIT_LIVE_REPLIES,
    },
    newConversationsPerHour: { client: config.LIMIT_NEW_CONVERSATIONS_PER_HOUR_PER_CLIENT, all: config.LIMIT_NEW_CONVERSATIONS_PER_HOUR },
    importsPerHour: { client: config.LIMIT_IMPORTS_PER_HOUR_PER_CLIENT, all: config.LIMIT_IMPORTS_PER_HOUR },
    uploadMegabytesPerHour: { client: config.LIMIT_UPLOAD_MB_PER_HOUR_PER_CLIENT, all: config.LIMIT_UPLOAD_MB_PER_HOUR },
    previewsPerMinute: config.LIMIT_PREVIEWS_PER_MINUTE_PER_CLIENT,
    actionsPerMinute: config.LIMIT_ACTIONS_PER_MINUTE_PER_CLIENT,
    tokensPerDay: { client: config.LIMIT_TOKENS_PER_DAY_PER_CLIENT, all: config.LIMIT_TOKENS_PER_DAY },
  };
}

export function routeLimits(): RouteLimits {
  const config = env();
  return {
    exportsPerMinute: { client: config.LIMIT_EXPORTS_PER_MINUTE_PER_CLIENT, all: config.LIMIT_EXPORTS_PER_MINUTE },
    stopsPerMinute: { client: config.LIMIT_STOPS_PER_MINUTE_PER_CLIENT, all: config.LIMIT_STOPS_PER_MINUTE },
    liveViewsPerMinute: { client: config.LIMIT_LIVE_VIEWS_PER_MINUTE_PER_CLIENT, all: config.LIMIT_LIVE_VIEWS_PER_MINUTE },
  };
}
