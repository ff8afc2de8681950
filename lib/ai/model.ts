import "server-only";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI } from "@langchain/openai";
import { type Env, env } from "../env";
import { OfflineChatModel } from "./offline-model";
import { OFFLINE_NOTICE } from "./offline-reply";

export interface ModelConfig {
  apiKey?: string;
  baseUrl?: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  maxOutputTokens: number;
  offlineDelayMs: number;
}

export interface ChatModelHandle {
  kind: "openai" | "offline";
  /** What the UI shows: the model name, or "offline". */
  name: string;
  model: BaseChatModel;
  timeoutMs: number;
  /** Where an endpoint's model is served ("localhost:11434"): named when it cannot be reached. Never a key. */
  endpoint?: string;
}

/** The host and port of an endpoint's URL, without its path, query or any credentials in it. */
export function endpointOf(baseUrl: string | undefined): string {
  try {
    const url = new URL(baseUrl ?? "https://api.openai.com/v1");
    return `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
  } catch {
    return "the configured OPENAI_BASE_URL";
  }
}

export function modelConfig(config: Env): ModelConfig {
  return {
    apiKey: config.OPENAI_API_KEY,
    baseUrl: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
    maxOutputTokens: config.OPENAI_MAX_OUTPUT_TOKENS,
    offlineDelayMs: config.OFFLINE_MODEL_DELAY_MS,
  };
}

/** The one place the chat model is chosen: any OpenAI-compatible endpoint when configured, else offline. */
export function createChatModel(config: ModelConfig): ChatModelHandle {
  if (!config.apiKey && !config.baseUrl) {
    return { kind: "offline", name: "offline", model: new OfflineChatModel(config.offlineDelayMs), timeoutMs: config.timeoutMs };
  }
  const model = new ChatOpenAI({
    model: config.model,
    // Local servers (Ollama, vLLM, llama.cpp, LM Studio) ignore the key, but the client requires one.
    apiKey: config.apiKey ?? "not-needed",
    configuration: config.baseUrl ? { baseURL: config.baseUrl } : undefined,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    // Every call's cost is bounded, and counted in the token budgets (lib/limits).
    maxTokens: config.maxOutputTokens,
    // Not every compatible server accepts stream_options.
    streamUsage: false,
  });
  return { kind: "openai", name: config.model, model, timeoutMs: config.timeoutMs, endpoint: endpointOf(config.baseUrl) };
}

const cached = new Map<string, ChatModelHandle>();
let offline: ChatModelHandle | undefined;

/** The offline model: what calls beside the reply use once the token budget runs low. */
export function offlineChatModel(): ChatModelHandle {
  offline ??= createChatModel({ ...modelConfig(env()), apiKey: undefined, baseUrl: undefined });
  return offline;
}

/**
 * The chat model: `name` (a conversation's choice, checked against offeredModels) or the default,
 * OPENAI_MODEL. The offline model whatever the name when no endpoint is configured.
 */
export function chatModel(name?: string | null): ChatModelHandle {
  const config = modelConfig(env());
  const model = name ?? config.model;
  let handle = cached.get(model);
  if (!handle) {
    handle = createChatModel({ ...config, model });
    cached.set(model, handle);
    if (cached.size === 1) {
      console.info(handle.kind === "offline" ? `[model] ${OFFLINE_NOTICE}` : `[model] Using ${handle.name} at ${handle.endpoint}.`);
    }
  }
  return handle;
}

/** The model for one reply: the offline model words it by `variant` (0 the usual way), so a regenerated reply reads differently. */
export function modelForReply(handle: ChatModelHandle, variant: number): ChatModelHandle {
  return handle.model instanceof OfflineChatModel ? { ...handle, model: handle.model.withVariant(variant) } : handle;
}
