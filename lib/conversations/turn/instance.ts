import "server-only";
import { interruptOrphanedReplies } from "../../db/queries/message-queries";
import { env } from "../../env";
import { settleAfterTurn } from "./after-turn";
import { instanceId } from "./instance-id";
import { settleRunsForShutdown } from "./reply-run";

/** A streaming reply not touched for this long belongs to an instance that died: it was interrupted. */
export const STALE_MS = 20_000;

/** At start-up: this instance's own unfinished replies are interrupted now, anyone's stale ones too. */
export function recoverInterrupted(): Promise<number> {
  return interruptOrphanedReplies(instanceId(), STALE_MS / 1000);
}

/** A reply is marked interrupted at most this long after it went stale. */
const SWEEP_EVERY_MS = 5_000;

/**
 * Every few seconds, replies left streaming by an instance that died are marked interrupted, so
 * nothing stays "still being written" when that instance came back under another name (host or
 * port), or never came back, and no one opened the conversation since. One statement on the
 * streaming replies' partial index.
 */
export function sweepStaleReplies(everyMs = SWEEP_EVERY_MS): void {
  const timer = setInterval(() => {
    void interruptOrphanedReplies(null, STALE_MS / 1000).catch((error: unknown) =>
      console.warn(`[chat] Could not sweep stale replies: ${String(error)}`),
    );
  }, everyMs);
  timer.unref();
}

/**
 * On SIGTERM or SIGINT: replies in progress get a few seconds to finish, the rest are stored as
 * interrupted, then the process exits. Next.js leaves the signals to us when NEXT_MANUAL_SIG_HANDLE
 * is set, as scripts/with-database.ts does.
 */
export function handleShutdownSignals(): void {
  let exiting = false;
  const shutDown = async (signal: NodeJS.Signals) => {
    if (exiting) return;
    exiting = true;
    const grace = env().SHUTDOWN_GRACE_MS;
    // Storing can wait on an unreachable database, and a summary on a slow model: neither holds the exit for long.
    const deadline = new Promise<number>((resolve) => setTimeout(() => resolve(0), grace + 5_000).unref());
    const settling = Promise.all([settleRunsForShutdown(grace), settleAfterTurn()]).then(([replies]) => replies);
    const settled = await Promise.race([settling, deadline]).catch(() => 0);
    console.info(`[chat] ${signal}: ${settled} replies in progress settled; exiting.`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("SIGTERM", shutDown);
  process.on("SIGINT", shutDown);
}
