import "server-only";
import { AppError } from "../errors";
import { CLIENTS_PER_NETWORK, clientNetwork } from "./limit-rules";

// Streams a client holds open on this instance (following a reply, or a conversation's events). Each
// costs a socket and memory for as long as it lasts, whatever the database pays (one read per change
// per conversation per instance, shared): a count per instance, since that is where the cost is.
const shared = globalThis as unknown as { memoryChatOpenStreams?: Map<string, number> };
shared.memoryChatOpenStreams ??= new Map();
const open = shared.memoryChatOpenStreams;

export function openStreamCount(client: string): number {
  return open.get(client) ?? 0;
}

const refuseStream = (message: string): never => {
  throw new AppError("RATE_LIMITED", message, { retryAfterSeconds: 5 });
};

/**
 * Takes one of the client's stream slots, or refuses with RATE_LIMITED when all `max` are taken (0 is
 * no limit), before any work for the stream is done. The client also takes one of its network's (its
 * /24 or /48), which has CLIENTS_PER_NETWORK clients' worth. The slot is held for as long as the stream
 * given to the returned function lasts (it ends, the client cancels it, or `signal` aborts).
 */
export function takeStreamSlot(client: string, max: number, signal: AbortSignal): <T>(stream: ReadableStream<T>) => ReadableStream<T> {
  const network = clientNetwork(client);
  if (max > 0 && openStreamCount(client) >= max)
    refuseStream(`You have ${max} live views open already. Close some tabs and try again in 5 seconds.`);
  if (max > 0 && network && openStreamCount(network) >= max * CLIENTS_PER_NETWORK)
    refuseStream("Your network has too many live views open already. Close some tabs and try again in 5 seconds.");
  const keys = network ? [client, network] : [client];
  for (const key of keys) open.set(key, openStreamCount(key) + 1);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    for (const key of keys) {
      const left = openStreamCount(key) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    }
  };
  signal.addEventListener("abort", release, { once: true });
  return <T>(stream: ReadableStream<T>) => {
    const reader = stream.getReader();
    return new ReadableStream<T>({
      async pull(controller) {
        const { done, value } = await reader.read().catch((error: unknown) => {
          release();
          throw error;
        });
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(value);
      },
      cancel(reason) {
        release();
        return reader.cancel(reason);
      },
    });
  };
}

/** takeStreamSlot for a stream made already: a refused one is cancelled. */
export function holdStreamSlot<T>(client: string, max: number, signal: AbortSignal, stream: ReadableStream<T>): ReadableStream<T> {
  try {
    return takeStreamSlot(client, max, signal)(stream);
  } catch (error) {
    void stream.cancel().catch(() => {});
    throw error;
  }
}
