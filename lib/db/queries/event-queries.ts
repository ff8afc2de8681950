import "server-only";
import { z } from "zod";

/** Conversation events between app instances travel on one PostgreSQL channel: the only thing they share is the database. */
export const EVENTS_CHANNEL = "chat_events";

export const LISTEN_EVENTS = `LISTEN ${EVENTS_CHANNEL}`;

/**
 * turn: a message was added; delta: a reply grew; end: a reply is final; stop: Stop was pressed;
 * branch: another branch became current (no message: followers read the conversation again).
 */
export const eventKindSchema = z.enum(["turn", "delta", "end", "stop", "branch"]);
export type EventKind = z.infer<typeof eventKindSchema>;

export const conversationEventSchema = z.object({
  conversationId: z.uuid(),
  messageId: z.uuid().nullable(),
  kind: eventKindSchema,
});
export type ConversationEvent = z.infer<typeof conversationEventSchema>;

/**
 * The one way an event is sent: inside the statement that makes the change, built from the Message
 * row it changed, so it goes out exactly when that change commits. `row` names the row's relation.
 */
export const notifyMessage = (kind: EventKind, row: string) =>
  `pg_notify('${EVENTS_CHANNEL}', json_build_object('conversationId', ${row}."conversationId", 'messageId', ${row}."id", 'kind', '${kind}')::text)`;

/** Another branch became current in conversation `row` ("id" is the conversation's): followers read it again. */
export const notifyBranch = (row: string) =>
  `pg_notify('${EVENTS_CHANNEL}', json_build_object('conversationId', ${row}."id", 'messageId', NULL, 'kind', 'branch')::text)`;
