import "server-only";
import pg from "pg";
import { type BusEvent, busEventSchema, LISTEN_EVENTS } from "../db/queries/event-queries";
import { env } from "../env";

/** `event` for each announcement; `resync` after the listening connection was lost, when some may have been missed. */
export interface EventSubscriber {
  event(event: BusEvent): void;
  resync(): void;
}

const subscribers = new Set<EventSubscriber>();
let connection: pg.Client | undefined;
/** Whoever waits for the connection to listen (whenListening). */
const waiting = new Set<() => void>();
let connecting = false;
let failures = 0;

/** Back-off between attempts to listen again, while anyone still subscribes: 250 ms doubling to 5 s. */
const retryDelay = () => Math.min(5_000, 250 * 2 ** Math.min(failures, 5));

function parseEvent(payload: string | undefined): BusEvent | null {
  try {
    const parsed = busEventSchema.safeParse(JSON.parse(payload ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** One listening connection per process; events reach every subscriber in the process. */
async function listen(): Promise<void> {
  if (connection || connecting || subscribers.size === 0) return;
  connecting = true;
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  client.on("notification", (message) => {
    const event = parseEvent(message.payload);
    if (event) for (const subscriber of subscribers) subscriber.event(event);
  });
  const lost = () => {
    if (connection !== client) return;
    connection = undefined;
    failures++;
    void client.end().catch(() => {});
    setTimeout(() => void listen(), retryDelay()).unref();
  };
  client.on("error", lost);
  client.on("end", lost);
  try {
    await client.connect();
    await client.query(LISTEN_EVENTS);
    connection = client;
    // Whatever was announced while no connection listened is read again by whoever follows it.
    if (failures > 0) for (const subscriber of subscribers) subscriber.resync();
    failures = 0;
    for (const done of [...waiting]) done();
  } catch {
    failures++;
    void client.end().catch(() => {});
    setTimeout(() => void listen(), retryDelay()).unref();
  } finally {
    connecting = false;
  }
}

/**
 * Receives every conversation event of every instance until the returned function is called. A lost
 * listening connection is opened again, with back-off, for as long as anyone subscribes.
 */
export function subscribeToEvents(subscriber: EventSubscriber): () => void {
  subscribers.add(subscriber);
  void listen();
  return () => subscribers.delete(subscriber);
}

/**
 * Resolves once this process listens (at once when it does): a change committed after that is heard,
 * so a follower reads what it has not seen only then. Waits through an outage for as long as it lasts,
 * or until `signal` aborts: a client that left is not remembered until the database is back.
 */
export function whenListening(signal: AbortSignal): Promise<void> {
  if (connection || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      waiting.delete(done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    waiting.add(done);
    signal.addEventListener("abort", done, { once: true });
  });
}
