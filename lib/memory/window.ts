import { MAX_SUMMARY_CHARS } from "./bounds";
import { tokensOf } from "./messages";
import type { MemoryBuffer, StoredMessageJson } from "./schema";

/** Messages kept in the window however small the budget: the latest exchange. */
const MIN_WINDOW_MESSAGES = 2;

/**
 * Once over budget, the window is folded down to this share of it, so summaries (a model call with a
 * real model) happen every few turns rather than on every turn.
 */
export const FOLD_TARGET = 0.5;

export function windowTokens(memory: MemoryBuffer): number {
  return memory.short_term_memory.messages.reduce((sum, message) => sum + tokensOf(message), 0);
}

/** What a summarizer must fold: the oldest messages beyond the budget, and the summary it extends. */
export interface FoldPlan {
  messages: StoredMessageJson[];
  previousSummary: string;
}

export function planFold(memory: MemoryBuffer, budgetTokens: number): FoldPlan | null {
  const window = memory.short_term_memory.messages;
  const total = windowTokens(memory);
  if (total <= budgetTokens) return null;
  let excess = total - Math.floor(budgetTokens * FOLD_TARGET);
  let count = 0;
  while (excess > 0 && window.length - count > MIN_WINDOW_MESSAGES) {
    excess -= tokensOf(window[count]);
    count++;
  }
  if (count === 0) return null;
  return { messages: window.slice(0, count), previousSummary: memory.long_term_memory.summary };
}

/**
 * Commits a summary: the folded messages leave the window only now. Returns null when memory
 * moved on meanwhile (another summary was committed, or the messages are gone), so the caller
 * discards its work and nothing is folded twice or lost.
 */
export function applyFold(memory: MemoryBuffer, plan: FoldPlan, summary: string): MemoryBuffer | null {
  if (memory.long_term_memory.summary !== plan.previousSummary) return null;
  const folded = new Set(plan.messages.map((message) => message.data.id));
  const messages = memory.short_term_memory.messages.filter((message) => !folded.has(message.data.id));
  if (memory.short_term_memory.messages.length - messages.length !== folded.size) return null;
  return {
    ...memory,
    short_term_memory: { messages },
    long_term_memory: {
      ...memory.long_term_memory,
      summary: boundSummary(summary),
      summarized_messages: memory.long_term_memory.summarized_messages + folded.size,
    },
  };
}

/** Keeps the newest part of an over-long summary, cut at a word. */
export function boundSummary(summary: string, maxChars = MAX_SUMMARY_CHARS): string {
  const trimmed = summary.trim();
  if (trimmed.length <= maxChars) return trimmed;
  return `…${trimmed.slice(-maxChars + 1).replace(/^\S*\s/, "")}`;
}
