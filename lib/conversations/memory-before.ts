import "server-only";
import { selectCheckpoint, selectReplayMessages } from "../db/queries/branch-queries";
import type { Queryable } from "../db/transaction";
import type { MemoryLimits } from "../memory/bounds";
import { type ReplayedMessage, replayFrom } from "../memory/replay";
import type { MemoryBuffer } from "../memory/schema";
import type { BranchPath } from "./branch-path";
import { readStoredMemory } from "./memory-store";

/**
 * Memory as the turn of the message at `seq` (on `path`) found it: what an edit of that message, or
 * a new version of its reply, starts again from. Every turn keeps this on its user message, so it is
 * read as it was, whatever model made it. Imported conversations keep it every few turns, and the
 * turns since are replayed offline, as the import computed them; messages stored before branches
 * existed have none, and are replayed from the start.
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
  return replayFrom(start, messages, limits);
}
