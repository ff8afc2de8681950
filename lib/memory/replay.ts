import type { MemoryLimits } from "./bounds";
import { extractOffline } from "./extract-offline";
import type { MemoryMessage } from "./messages";
import type { MemoryBuffer } from "./schema";
import { offlineSummary } from "./summary";
import { applyTurn } from "./update";
import { applyFold, planFold } from "./window";

/** A stored message being replayed into memory, as if its turn were happening now. */
export interface ReplayedMessage extends MemoryMessage {
  status: "complete" | "stopped" | "interrupted" | "failed";
  createdAt: Date;
  /** A user message's teaching joins memory across chats (Message.feedsMemory); true when not said. */
  feedsMemory?: boolean;
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

/** Memory so far, and the user message a following reply answers. */
export interface ReplayState {
  memory: MemoryBuffer;
  lastUser: MemoryMessage | null;
}

/**
 * One message into memory, as its turn would have left it: a user message teaches what the offline
 * extractor finds, a reply joins the window, the window folds into the summary. Failed and
 * interrupted replies never reached memory in a live turn, and do not here. A reply with no user
 * message before it (an imported chat can open with one) joins the window on its own.
 */
export function replayMessage(state: ReplayState, message: ReplayedMessage, limits: MemoryLimits): ReplayState {
  if (message.status === "failed" || message.status === "interrupted") return state;
  const exchange =
    message.role === "user" || !state.lastUser
      ? { user: message, assistant: null, extraction: message.role === "user" ? extractOffline(message.content) : NOTHING_LEARNED }
      : { user: state.lastUser, assistant: message, extraction: NOTHING_LEARNED };
  return {
    memory: foldOffline(
      applyTurn(state.memory, { ...exchange, at: message.createdAt, feedsMemory: message.feedsMemory !== false }, limits.maxBytes),
      limits.windowTokens,
    ),
    lastUser: message.role === "user" ? message : state.lastUser,
  };
}
