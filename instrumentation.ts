// Runs once when the server starts: a bad configuration stops it with a clear message; the client
// address the limits use is taken from the socket unless proxies are trusted; a stream that gives up
// on a client that reads nothing can close its connection; replies this instance
// left unfinished when it last died are marked interrupted, and every 5 s anyone's that went stale
// (and every 10 minutes the limiter's drained rows, and temporary chats past their time, are deleted);
// a stop signal lets replies in progress settle first.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./lib/env");
    if (env().TRUST_PROXY_HOPS === 0) (await import("./lib/limits/stamp-socket-address")).stampSocketAddress();
    (await import("./lib/http/open-responses")).trackOpenResponses();
    const { handleShutdownSignals, recoverInterrupted, sweepStaleReplies } = await import("./lib/conversations/turn/instance");
    if (process.env.NEXT_MANUAL_SIG_HANDLE) handleShutdownSignals();
    sweepStaleReplies();
    (await import("./lib/limits/enforce-limits")).sweepDrainedLimits();
    (await import("./lib/conversations/sweep-temporary")).sweepTemporaryChats();
    const recovered = await recoverInterrupted().catch((error: unknown) => {
      console.warn(`[chat] Could not check for interrupted replies at start-up: ${String(error)}`);
      return 0;
    });
    if (recovered > 0) console.info(`[chat] Marked ${recovered} unfinished replies as interrupted.`);
  }
}
