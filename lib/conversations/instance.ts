import "server-only";
import os from "node:os";

/** This app instance, stable across restarts on the same host and port (Next sets PORT). */
export function instanceId(): string {
  return `${os.hostname()}:${process.env.PORT ?? "0"}`;
}

/** How often a streaming reply's text is written, and how often a silent one says it is alive. */
export const FLUSH_MS = 250;
export const HEARTBEAT_MS = 5_000;
/** A "streaming" reply not touched for this long belongs to an instance that died: it was interrupted. */
export const STALE_MS = 20_000;
