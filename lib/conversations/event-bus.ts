import "server-only";
import pg from "pg";
import { type ConversationEvent, conversationEventSchema, LISTEN_EVENTS } from "../db/queries/event-queries";
import { env } from "../env";

type EventListener = (event: ConversationEvent) => void;

const listeners = new Set<EventListener>();
let connection: Promise<pg.Client> | undefined;

function parseEvent(payload: string | undefined): ConversationEvent | null {
  try {
    const parsed = conversationEventSchema.safeParse(JSON.parse(payload ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** One listening connection per process; events reach every subscriber in the process. */
function listen(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  const ready = client
    .connect()
    .then(() => client.query(LISTEN_EVENTS))
    .then(() => client);
  client.on("notification", (message) => {
    const event = parseEvent(message.payload);
    if (event) for (const listener of listeners) listener(event);
  });
  // A lost connection is opened again on the next subscription; meanwhile followers poll.
  const reset = () => {
    if (connection === ready) connection = undefined;
  };
  client.on("error", reset);
  client.on("end", reset);
  ready.catch(reset);
  return ready;
}

/** Receives every conversation event of every instance until the returned function is called. */
export function subscribeToEvents(listener: EventListener): () => void {
  listeners.add(listener);
  connection ??= listen();
  connection.catch(() => {
    // Listening failed (database down): followers also poll, so nothing is missed for good.
  });
  return () => listeners.delete(listener);
}
