import type { MemoryLimits } from "./bounds";
import { extractOffline } from "./extract-offline";
import type { MemoryMessage } from "./messages";
import { emptyMemory, type MemoryBuffer } from "./schema";
import { offlineSummary } from "./summary";
import { applyTurn } from "./update";
import { applyFold, planFold } from "./window";

/** A stored message being replayed into memory, as if its turn were happening now. */
export interface ReplayedMessage extends MemoryMessage {
  status: "complete" | "stopped" | "interrupted" | "failed";
  createdAt: Date;
}

const NOTHING_LEARNED = { preferences: [], facts: [] };

/** Folds the window down to its budget with the offline summary, as the after-turn fold would. */
function foldOffline(memory: MemoryBuffer, windowTokens: number): MemoryBuffer {
  let current = memory;
  for (let plan = planFold(current, windowTokens); plan; plan = planFold(current, windowTokens)) {
    const folded = applyFold(current, plan, offlineSummary(plan.previousSummary, plan.messages));
    if (!folded) break;
    current = folded;
  }
  return current;
}

/**
 * Memory as a conversation's turns would have left it: each user message teaches what the offline
 * extractor finds, each reply joins the window, the window folds into the summary. Failed and
 * interrupted replies never reached memory in a live turn, and do not here. A reply with no user
 * message before it (an imported chat can open with one) joins the window on its own.
 */
export function replayMemory(messages: ReplayedMessage[], limits: MemoryLimits): MemoryBuffer {
  let memory = emptyMemory();
  let lastUser: MemoryMessage | null = null;
  for (const message of messages) {
    if (message.status === "failed" || message.status === "interrupted") continue;
    const exchange =
      message.role === "user" || !lastUser
        ? { user: message, assistant: null, extraction: message.role === "user" ? extractOffline(message.content) : NOTHING_LEARNED }
        : { user: lastUser, assistant: message, extraction: NOTHING_LEARNED };
    if (message.role === "user") lastUser = message;
    memory = foldOffline(applyTurn(memory, { ...exchange, at: message.createdAt }, limits.maxBytes), limits.windowTokens);
  }
  return memory;
}
