import "server-only";
import type { ChatModelHandle } from "../../ai/model";
import { summarize } from "../../ai/summarize";
import { fallbackTitle, generateTitle } from "../../ai/title";
import { replaceProvisionalTitle } from "../../db/queries/conversation-queries";
import { indexForRecall } from "../../db/queries/recall-queries";
import { budgetedModel } from "../../limits/enforce-limits";
import type { MemoryLimits } from "../../memory/bounds";
import { summaryPrompt } from "../../memory/summary";
import { countTokens } from "../../memory/tokens";
import { applyFold, planFold } from "../../memory/window";
import { scheduleEmbedding } from "../embedding-queue";
import { loadMemory, saveMemoryIfUnchanged, updateMemory } from "../memory-store";

/** The instructions of a title call, besides the message (counted in the token budget). */
const TITLE_PROMPT_TOKENS = 50;
/** Folding stops after this many rounds per run; the next turn's run continues. */
const MAX_FOLDS_PER_RUN = 3;

/**
 * Moves what overflows the window into the running summary. The summary is computed from a
 * snapshot, outside any lock; the messages leave the window only when the summary that includes
 * them commits: at once if memory did not move on meanwhile, else under the row lock, and only if
 * the summary still extends the one in memory.
 */
export async function foldWindow(conversationId: string, handle: ChatModelHandle, limits: MemoryLimits, client: string): Promise<number> {
  let folded = 0;
  let snapshot = await loadMemory(conversationId);
  for (let round = 0; round < MAX_FOLDS_PER_RUN; round++) {
    const plan = planFold(snapshot.memory, limits.windowTokens);
    if (!plan) break;
    const inputTokens = countTokens(summaryPrompt(plan.previousSummary, plan.messages));
    const summary = await summarize(await budgetedModel(handle, client, inputTokens), plan);
    const next = applyFold(snapshot.memory, plan, summary);
    if (next && (await saveMemoryIfUnchanged(conversationId, snapshot.version, next))) {
      snapshot = { memory: next, version: snapshot.version + 1 };
    } else {
      const written = await updateMemory(conversationId, (current) => applyFold(current, plan, summary));
      if (!written) break;
      snapshot = written;
    }
    folded += plan.messages.length;
  }
  // Whatever the turns' own indexing missed is indexed now, and embedded soon.
  await indexForRecall(conversationId);
  scheduleEmbedding(conversationId, client);
  return folded;
}

/** Replaces the provisional title (the first words) with the model's, unless the user renamed it meanwhile. */
async function improveTitle(conversationId: string, handle: ChatModelHandle, firstMessage: string, client: string): Promise<void> {
  const model = await budgetedModel(handle, client, TITLE_PROMPT_TOKENS + countTokens(firstMessage.slice(0, 2000)));
  const title = await generateTitle(model, firstMessage);
  await replaceProvisionalTitle(conversationId, title, fallbackTitle(firstMessage));
}

// On globalThis, like the reply runs: the shutdown handler is bundled apart from the routes.
const shared = globalThis as unknown as { memoryChatAfterTurn?: Map<string, Promise<void>> };
shared.memoryChatAfterTurn ??= new Map();
const running = shared.memoryChatAfterTurn;
const queued = new Set<string>();

/**
 * Runs title improvement and summarization after a turn, off the reply's path. Runs for one
 * conversation are chained, and a burst of turns queues at most one more run. Failures are
 * logged and retried by the next turn's run: the window simply stays larger meanwhile.
 */
export function scheduleAfterTurn(
  conversationId: string,
  { handle, limits, client }: { handle: ChatModelHandle; limits: MemoryLimits; client: string },
  firstMessage?: string,
): void {
  if (queued.has(conversationId) && !firstMessage) return;
  queued.add(conversationId);
  const previous = running.get(conversationId) ?? Promise.resolve();
  const next = previous.then(async () => {
    queued.delete(conversationId);
    try {
      if (firstMessage) await improveTitle(conversationId, handle, firstMessage, client);
      await foldWindow(conversationId, handle, limits, client);
    } catch (error) {
      console.warn(`[memory] Maintenance of conversation ${conversationId} failed; it will be retried after the next turn.`, error);
    }
  });
  running.set(conversationId, next);
  void next.finally(() => {
    if (running.get(conversationId) === next) running.delete(conversationId);
  });
}

/** Resolves when no after-turn work is running: for tests, benchmarks and shutdown. */
export async function settleAfterTurn(): Promise<void> {
  while (running.size > 0) await Promise.all([...running.values()]);
}
