import "server-only";
import pg from "pg";
import { z } from "zod";
import { pool } from "../db/client";
import { env } from "../env";

/**
 * Conversation events across app instances, through PostgreSQL LISTEN/NOTIFY: the only thing
 * instances share is the database. A payload is a small signal; readers fetch what changed.
 */
export const CHANNEL = "chat_events";

export const eventSchema = z.object({
  conversationId: z.uuid(),
  messageId: z.uuid(),
  /** turn: a new turn began; delta: a reply grew; end: a reply is final; stop: Stop was pressed. */
  kind: z.enum(["turn", "delta", "end", "stop"]),
});
export type ConversationEvent = z.infer<typeof eventSchema>;

type Listener = (event: ConversationEvent) => void;

const listeners = new Set<Listener>();
let connection: Promise<pg.Client> | undefined;

function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  const ready = client
    .connect()
    .then(() => client.query(`LISTEN ${CHANNEL}`))
    .then(() => client);
  client.on("notification", (message) => {
    const parsed = eventSchema.safeParse(JSON.parse(message.payload ?? "null"));
    if (parsed.success) for (const listener of listeners) listener(parsed.data);
  });
  // A lost listening connection is re-opened on the next subscription; meanwhile readers poll.
  const reset = () => {
    if (connection === ready) connection = undefined;
  };
  client.on("error", reset);
  client.on("end", reset);
  ready.catch(reset);
  return ready;
}

/** Receives every conversation event published by any instance until the returned function is called. */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  connection ??= connect();
  connection.catch(() => {
    // Listening failed (database down): callers also poll, so nothing is missed for good.
  });
  return () => listeners.delete(listener);
}

export const eventPayload = (event: ConversationEvent): string => JSON.stringify(event);

export async function publish(event: ConversationEvent): Promise<void> {
  await pool().query("SELECT pg_notify($1, $2)", [CHANNEL, eventPayload(event)]);
}
