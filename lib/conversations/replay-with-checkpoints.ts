import type { MemoryLimits } from "../memory/bounds";
import { type ReplayedMessage, type ReplayState, replayMessage } from "../memory/replay";
import { emptyMemory, type MemoryBuffer } from "../memory/schema";
import { pauser } from "./steps";

/**
 * Every so many user messages, memory as it was before it is kept (Message.memoryBefore), so an edit
 * far into a conversation that has no checkpoint of its own replays at most this many turns.
 */
const CHECKPOINT_EVERY = 32;

/**
 * Replays messages into memory from `start`, as their turns would have left it (an import, or the
 * turns since a checkpoint), with checkpoints on the way: memory before every CHECKPOINT_EVERY-th user
 * message, as JSON, by index in `messages`.
 */
export async function replayWithCheckpoints(
  messages: ReplayedMessage[],
  limits: MemoryLimits,
  start: MemoryBuffer = emptyMemory(),
): Promise<{ memory: MemoryBuffer; checkpoints: Map<number, string> }> {
  let state: ReplayState = { memory: start, lastUser: null };
  const checkpoints = new Map<number, string>();
  let users = 0;
  // Other requests get a turn every few milliseconds: one message of 100,000 characters takes 7 ms.
  const pause = pauser();
  for (const [index, message] of messages.entries()) {
    await pause();
    if (message.role === "user" && users++ % CHECKPOINT_EVERY === 0) checkpoints.set(index, JSON.stringify(state.memory));
    state = replayMessage(state, message, limits);
  }
  return { memory: state.memory, checkpoints };
}
