import "server-only";
import { embeddingModel } from "../ai/embeddings";
import { type ChatModelHandle, offlineChatModel } from "../ai/model";
import { consumeLimits, deleteDrainedLimits } from "../db/queries/limit-queries";
import { abuseLimits, env, routeLimits } from "../env";
import { AppError } from "../errors";
import { type PromptPart, promptTokens } from "../memory/prompt";
import { countTokens } from "../memory/tokens";
import { clientAddress } from "./client-address";
import {
  type AbuseLimits,
  actionRules,
  exportRules,
  importRules,
  liveViewRules,
  previewRules,
  type RateRule,
  type RouteLimits,
  refusalMessage,
  stopRules,
  tokenRules,
  turnRules,
  uploadRules,
} from "./limit-rules";

/** Instructions, summary and profile together stay under this (lib/memory/bounds.ts caps each). */
const PROMPT_OVERHEAD_TOKENS = 1_500;
/** How often drained rows are deleted, per instance. */
const SWEEP_EVERY_MS = 10 * 60_000;

/** The client a request (a route's, or a server action's headers) counts against (see TRUST_PROXY_HOPS). */
export function requestClient(request: { headers: Headers }): string {
  return clientAddress(request.headers, env().TRUST_PROXY_HOPS);
}

/** Every little while (instrumentation.ts), this instance deletes rows that drained: they change no verdict meanwhile. */
export function sweepDrainedLimits(everyMs = SWEEP_EVERY_MS): void {
  const timer = setInterval(() => {
    void deleteDrainedLimits().catch((error: unknown) => console.warn(`[limits] Could not delete drained limits: ${String(error)}`));
  }, everyMs);
  timer.unref();
}

async function consume(rules: RateRule[], client: string, conversationId: string | null = null, liveCaps: number[] = []) {
  if (rules.length === 0 && liveCaps.every((cap) => cap === 0)) return { allowed: true, refusedBy: null, waitMs: null };
  return consumeLimits({
    keys: rules.map((rule) => rule.key),
    stepsMs: rules.map((rule) => rule.stepMs),
    periodsMs: rules.map((rule) => rule.periodMs),
    sharedMs: rules.map((rule) => rule.sharedMs),
    reserveStepsMs: rules.map((rule) => rule.reserveStepMs),
    onlyNew: rules.map((rule) => rule.onlyNew),
    conversationId,
    client,
    liveCaps,
  });
}

function refuse(refusedBy: string | null, waitMs: number | null): never {
  const seconds = Math.max(1, Math.ceil((waitMs ?? 1000) / 1000));
  throw new AppError("RATE_LIMITED", refusalMessage(refusedBy ?? "", seconds), { retryAfterSeconds: seconds });
}

/**
 * The most a turn can cost in tokens: its whole prompt (recall fills the prompt budget; past it only
 * when the window and the rest alone do), and the longest reply.
 */
export function turnTokenCost(text: string): number {
  const config = env();
  const tokens = countTokens(text);
  // With embeddings, the message is also sent once to the embedding model to search for it.
  return promptAllowance(tokens) + (embeddingModel()?.costsTokens ? tokens : 0) + config.OPENAI_MAX_OUTPUT_TOKENS;
}

/** What a turn's prompt is charged before it is built: the budget, or the window and the message. */
function promptAllowance(messageTokens: number): number {
  const config = env();
  return Math.max(config.MEMORY_PROMPT_TOKENS, config.MEMORY_WINDOW_TOKENS + PROMPT_OVERHEAD_TOKENS + messageTokens);
}

/**
 * A prompt built larger than its turn was charged for (the window always keeps the last exchange,
 * however long): the rest is counted now, before the model is asked, or the turn is refused with
 * RATE_LIMITED. Without this, a long last message rode along every other turn uncounted.
 */
export async function chargePromptOverrun(
  handle: ChatModelHandle,
  turn: { client: string; text: string; prompt: PromptPart[] },
  limits: AbuseLimits = abuseLimits(),
): Promise<void> {
  // Counted only when it costs tokens: the offline model's turns skip the count.
  if (handle.kind === "offline") return;
  const overrun = promptTokens(turn.prompt) - promptAllowance(countTokens(turn.text));
  if (overrun <= 0) return;
  const verdict = await consume(tokenRules(limits, turn.client, overrun, turnTokenCost("")), turn.client);
  if (!verdict.allowed) refuse(verdict.refusedBy, verdict.waitMs);
}

/**
 * Counts a chat turn against every limit in one statement, or refuses it with RATE_LIMITED (429,
 * Retry-After) before anything is stored or any model is called.
 */
export async function enforceTurnLimits(
  turn: { client: string; conversationId: string; text: string },
  handle: ChatModelHandle,
  limits: AbuseLimits = abuseLimits(),
): Promise<void> {
  const rules = turnRules(limits, turn.client, turn.conversationId);
  if (handle.kind !== "offline") rules.push(...tokenRules(limits, turn.client, turnTokenCost(turn.text), turnTokenCost("")));
  const live = limits.liveReplies;
  const verdict = await consume(rules, turn.client, turn.conversationId, [live.client, live.conversation, live.all]);
  if (!verdict.allowed) refuse(verdict.refusedBy, verdict.waitMs);
}

export async function enforceImportLimits(client: string, limits: AbuseLimits = abuseLimits()): Promise<void> {
  const verdict = await consume(importRules(limits, client), client);
  if (!verdict.allowed) refuse(verdict.refusedBy, verdict.waitMs);
}

/** An attachment's upload, counted in megabytes per hour before its body is read. */
export async function enforceUploadLimits(client: string, bytes: number, limits: AbuseLimits = abuseLimits()): Promise<void> {
  const verdict = await consume(uploadRules(limits, client, Math.max(1, Math.ceil(bytes / 1_048_576))), client);
  if (!verdict.allowed) refuse(verdict.refusedBy, verdict.waitMs);
}

/** A preview runs recall, which with embeddings sends the draft to the embedding model: that counts too. */
export async function enforcePreviewLimits(client: string, text: string, limits: AbuseLimits = abuseLimits()): Promise<void> {
  const rules = previewRules(limits, client);
  if (embeddingModel()?.costsTokens) rules.push(...tokenRules(limits, client, countTokens(text), turnTokenCost(""), true));
  const verdict = await consume(rules, client);
  if (!verdict.allowed) refuse(verdict.refusedBy, verdict.waitMs);
}

/**
 * Counts a server action (`cost` units: more for one over many conversations) against its client's
 * limit, or refuses it with RATE_LIMITED. The client is asked for only when the limit is on: `client`
 * reads the request's headers.
 */
export async function enforceActionLimits(client: () => Promise<string>, cost = 1, limits: AbuseLimits = abuseLimits()): Promise<void> {
  if (limits.actionsPerMinute === 0) return;
  const address = await client();
  const verdict = await consume(actionRules(limits, address, cost), address);
  if (!verdict.allowed) refuse(verdict.refusedBy, verdict.waitMs);
}

/** An export, counted per client and over everyone before anything is read. */
export async function enforceExportLimits(client: string, limits: RouteLimits = routeLimits()): Promise<void> {
  const verdict = await consume(exportRules(limits, client), client);
  if (!verdict.allowed) refuse(verdict.refusedBy, verdict.waitMs);
}

/** A Stop, counted per client and over everyone before anything is written. */
export async function enforceStopLimits(client: string, limits: RouteLimits = routeLimits()): Promise<void> {
  const verdict = await consume(stopRules(limits, client), client);
  if (!verdict.allowed) refuse(verdict.refusedBy, verdict.waitMs);
}

/** A live view being opened (events, a followed reply), counted before it reads or watches anything. */
export async function enforceLiveViewLimits(client: string, limits: RouteLimits = routeLimits()): Promise<void> {
  const verdict = await consume(liveViewRules(limits, client), client);
  if (!verdict.allowed) refuse(verdict.refusedBy, verdict.waitMs);
}

/**
 * The model for a call beside the reply (extraction, title, summary): the real one while the token
 * budgets have more than a tenth left, else the offline fallback that each of those calls has.
 */
export async function budgetedModel(
  handle: ChatModelHandle,
  client: string,
  inputTokens: number,
  limits: AbuseLimits = abuseLimits(),
): Promise<ChatModelHandle> {
  if (handle.kind === "offline") return handle;
  return (await spendSideTokens(client, inputTokens + env().OPENAI_MAX_OUTPUT_TOKENS, limits)) ? handle : offlineChatModel();
}

/**
 * Counts a call beside the reply (a summary, a title, embeddings) against the token budgets while
 * they have more than a tenth left; false, and nothing counted, once they do not.
 */
export async function spendSideTokens(client: string, tokens: number, limits: AbuseLimits = abuseLimits()): Promise<boolean> {
  const rules = tokenRules(limits, client, tokens, turnTokenCost(""), true);
  const verdict = await consume(rules, client).catch(() => ({ allowed: false }));
  return verdict.allowed;
}
