import "server-only";
import { selectCheckpoint, selectReplayMessages } from "../db/queries/branch-queries";
import { setMissingCheckpoints } from "../db/queries/message-queries";
import type { Queryable } from "../db/transaction";
import type { MemoryLimits } from "../memory/bounds";
import type { ReplayedMessage } from "../memory/replay";
import type { MemoryBuffer } from "../memory/schema";
import type { BranchPath } from "./branch-path";
import { readStoredMemory } from "./memory-store";
import { replayWithCheckpoints } from "./replay-with-checkpoints";

/**
 * Memory as the turn of the message at `seq` (on `path`) found it: what an edit of that message, or
 * a new version of its reply, starts again from. Every turn keeps this on its user message, so it is
 * read as it was, whatever model made it. Imported conversations keep it every few turns, and the
 * turns since are replayed offline, as the import computed them. Messages stored before branches
 * existed have none: they are replayed from the start once, and the checkpoints found on the way are
 * kept, so the next edit there replays a few turns at most.
 */
export async function memoryBefore(
  conversationId: string,
  seq: number,
  path: BranchPath,
  limits: MemoryLimits,
  db: Queryable,
): Promise<MemoryBuffer> {
  const checkpoint = await selectCheckpoint(conversationId, seq, path, db);
  const start = readStoredMemory(conversationId, checkpoint?.memoryBefore ?? null);
  if (checkpoint?.seq === seq) return start;
  const rows = await selectReplayMessages(conversationId, checkpoint?.seq ?? 0, seq, path, db);
  const messages = rows
    .filter((row): row is typeof row & { role: "user" | "assistant" } => row.role !== "system" && row.status !== "streaming")
    .map((row) => ({ ...row, status: row.status as ReplayedMessage["status"] }));
  const { memory, checkpoints } = await replayWithCheckpoints(messages, limits, start);
  const found = [...checkpoints].map(([index, memoryJson]) => ({ seq: messages[index].seq, memoryJson }));
  await setMissingCheckpoints(conversationId, [...found, { seq, memoryJson: JSON.stringify(memory) }], db);
  return memory;
}
