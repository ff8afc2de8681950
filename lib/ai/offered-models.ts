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

/** A listed model and, when the endpoint says (OpenRouter's architecture, LM Studio's capabilities), what input it takes. */
const listedModel = z.object({
  id: z.string().min(1).max(200),
  architecture: z
    .object({ input_modalities: z.array(z.string().max(50)).max(20).optional() })
    .optional()
    .catch(undefined),
  capabilities: z.array(z.string().max(50)).max(50).optional().catch(undefined),
});
const modelListSchema = z.object({ data: z.array(listedModel).max(10_000) });

/** What the endpoint lists: its chat models (the default first), and those it says take images. */
interface EndpointModels {
  models: string[];
  seeing: Set<string>;
}
let cache: (EndpointModels & { until: number }) | undefined;
let loading: Promise<EndpointModels> | undefined;

const takesImages = (model: z.infer<typeof listedModel>) =>
  Boolean(model.architecture?.input_modalities?.includes("image") || model.capabilities?.includes("vision"));

/** The default model first, then the others, each once. */
const withDefault = (names: string[]) => [...new Set([env().OPENAI_MODEL, ...names])].slice(0, MAX_MODELS);

async function listFromEndpoint(): Promise<EndpointModels> {
  const config = env();
  const base = (config.OPENAI_BASE_URL ?? "https://api.openai.com/v1").replace(/\/+$/, "");
  try {
    const response = await fetch(`${base}/models`, {
      headers: config.OPENAI_API_KEY ? { authorization: `Bearer ${config.OPENAI_API_KEY}` } : {},
      signal: AbortSignal.timeout(LIST_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { data } = modelListSchema.parse(await response.json());
    const chat = data.filter((model) => !NOT_CHAT.test(model.id));
    const seeing = new Set(chat.filter(takesImages).map((model) => model.id));
    cache = { models: withDefault(chat.map((model) => model.id).sort()), seeing, until: Date.now() + LIST_TTL_MS };
  } catch (error) {
    console.warn(`[model] Could not list the endpoint's models (${String(error)}); offering ${config.OPENAI_MODEL} only.`);
    cache = { models: withDefault([]), seeing: new Set(), until: Date.now() + FAILURE_TTL_MS };
  }
  return cache;
}

/** The endpoint's list, cached; read at most once at a time. */
export async function endpointModels(): Promise<EndpointModels> {
  if (cache && cache.until > Date.now()) return cache;
  loading ??= listFromEndpoint().finally(() => {
    loading = undefined;
  });
  return loading;
}

/**
 * The models a conversation may choose, the default (OPENAI_MODEL) first: OPENAI_MODELS when set,
 * else what the endpoint's /v1/models lists (cached); "offline" without an endpoint.
 */
export async function offeredModels(): Promise<string[]> {
  const config = env();
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return ["offline"];
  if (config.OPENAI_MODELS.length > 0) return withDefault(config.OPENAI_MODELS);
  return (await endpointModels()).models;
}

/** The model a conversation's turns use: its own while it is still offered, else the default. */
export async function modelFor(chosen: string | null): Promise<string | null> {
  return chosen && (await offeredModels()).includes(chosen) ? chosen : null;
}
