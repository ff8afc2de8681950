import "server-only";
import { env } from "../env";

// What events streams hold in this process for clients that read slowly or not at all: their queues
// and the pieces on their way to the socket. Each stream is capped (STREAM_BUFFER_BYTES), but one
// network may hold hundreds of streams: this budget bounds them all together, and a network's share
// of it leaves the rest to other networks. Kept on globalThis: one count per process, however the
// server's bundles load this module.

/** A network (an IPv4 /24 or IPv6 /48) may hold this fraction of the budget: 16 must be at it to fill it. */
export const NETWORK_SHARE = 16;

const INSTANCE = "";
const shared = globalThis as unknown as { memoryChatQueuedBytes?: Map<string, number> };
shared.memoryChatQueuedBytes ??= new Map();
const held = shared.memoryChatQueuedBytes;

/** Bytes held now by the streams of `network`, or of the whole instance. */
export function queuedBytes(network: string = INSTANCE): number {
  return held.get(network) ?? 0;
}

function add(network: string | null, bytes: number): void {
  for (const key of network ? [INSTANCE, network] : [INSTANCE]) {
    const total = queuedBytes(key) + bytes;
    if (total > 0) held.set(key, total);
    else held.delete(key);
  }
}

/**
 * Counts `bytes` against the instance's budget and the network's share (null: a client of no known
 * network), or nothing (false) when either lacks room. `always` counts them regardless: a last word
 * of a few bytes, sent after what was queued is dropped.
 */
export function takeQueueBytes(network: string | null, bytes: number, always = false): boolean {
  const max = env().EVENTS_QUEUE_MAX_BYTES;
  const room = queuedBytes() + bytes <= max && (!network || queuedBytes(network) + bytes <= max / NETWORK_SHARE);
  if (room || always) add(network, bytes);
  return room || always;
}

export function releaseQueueBytes(network: string | null, bytes: number): void {
  if (bytes > 0) add(network, -bytes);
}
