import "server-only";
import { z } from "zod";
import { env } from "../env";

/** How long the endpoint's list is trusted, and how long a failure to read it is. */
const LIST_TTL_MS = 10 * 60_000;
const FAILURE_TTL_MS = 30_000;
const LIST_TIMEOUT_MS = 3_000;
/** A picker, not a catalogue: the endpoint's first models only. */
const MAX_MODELS = 100;
/** What /v1/models lists besides chat models (OpenAI's own names): not offered in a chat picker. */
const NOT_CHAT = /embedding|tts|whisper|dall-e|moderation|davinci|babbage|transcribe|realtime|audio|image|search/i;

const modelListSchema = z.object({ data: z.array(z.object({ id: z.string().min(1).max(200) })).max(10_000) });

let cache: { models: string[]; until: number } | undefined;
let loading: Promise<string[]> | undefined;

/** The default model first, then the others, each once. */
const withDefault = (names: string[]) => [...new Set([env().OPENAI_MODEL, ...names])].slice(0, MAX_MODELS);

async function listFromEndpoint(): Promise<string[]> {
  const config = env();
  const base = (config.OPENAI_BASE_URL ?? "https://api.openai.com/v1").replace(/\/+$/, "");
  try {
    const response = await fetch(`${base}/models`, {
      headers: config.OPENAI_API_KEY ? { authorization: `Bearer ${config.OPENAI_API_KEY}` } : {},
      signal: AbortSignal.timeout(LIST_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { data } = modelListSchema.parse(await response.json());
    const names = data.map((model) => model.id).filter((id) => !NOT_CHAT.test(id));
    cache = { models: withDefault(names.sort()), until: Date.now() + LIST_TTL_MS };
  } catch (error) {
    console.warn(`[model] Could not list the endpoint's models (${String(error)}); offering ${config.OPENAI_MODEL} only.`);
    cache = { models: withDefault([]), until: Date.now() + FAILURE_TTL_MS };
  }
  return cache.models;
}

/**
 * The models a conversation may choose, the default (OPENAI_MODEL) first: OPENAI_MODELS when set,
 * else what the endpoint's /v1/models lists (cached); "offline" without an endpoint.
 */
export async function offeredModels(): Promise<string[]> {
  const config = env();
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return ["offline"];
  if (config.OPENAI_MODELS.length > 0) return withDefault(config.OPENAI_MODELS);
  if (cache && cache.until > Date.now()) return cache.models;
  loading ??= listFromEndpoint().finally(() => {
    loading = undefined;
  });
  return loading;
}

/** The model a conversation's turns use: its own while it is still offered, else the default. */
export async function modelFor(chosen: string | null): Promise<string | null> {
  return chosen && (await offeredModels()).includes(chosen) ? chosen : null;
}
