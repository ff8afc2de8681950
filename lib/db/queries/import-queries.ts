import "server-only";
import type { MessageRole, MessageStatus } from "../generated/enums";
import type { Queryable } from "../transaction";

/**
 * An imported conversation, created whole: its memory as its turns would have left it, and every
 * message up to $6 already counted. $1 id, $2 title, $3 created, $4 updated, $5 memory, $6 last seq.
 */
export const INSERT_IMPORTED_CONVERSATION = `
  INSERT INTO "Conversation" ("id", "title", "createdAt", "updatedAt", "memoryBuffer", "lastSeq")
  VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6)`;

/** All of an imported conversation's messages in one statement, from parallel arrays. $1 conversation. */
export const INSERT_IMPORTED_MESSAGES = `
  INSERT INTO "Message" ("id", "conversationId", "seq", "role", "content", "status", "createdAt", "updatedAt")
  SELECT m.id, $1::uuid, m.seq, m.role, m.content, m.status, m.at, m.at
  FROM unnest($2::uuid[], $3::int[], $4::"MessageRole"[], $5::text[], $6::"MessageStatus"[], $7::timestamptz[])
    AS m(id, seq, role, content, status, at)`;

export interface ImportedMessageRow {
  id: string;
  seq: number;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  createdAt: Date;
}

export async function insertImportedConversation(
  values: { id: string; title: string; createdAt: Date; updatedAt: Date; memoryJson: string; lastSeq: number },
  db: Queryable,
): Promise<void> {
  await db.query({
    name: "insert_imported_conversation",
    text: INSERT_IMPORTED_CONVERSATION,
    values: [values.id, values.title, values.createdAt, values.updatedAt, values.memoryJson, values.lastSeq],
  });
}

export async function insertImportedMessages(conversationId: string, messages: ImportedMessageRow[], db: Queryable): Promise<void> {
  await db.query({
    name: "insert_imported_messages",
    text: INSERT_IMPORTED_MESSAGES,
    values: [
      conversationId,
      messages.map((m) => m.id),
      messages.map((m) => m.seq),
      messages.map((m) => m.role),
      messages.map((m) => m.content),
      messages.map((m) => m.status),
      messages.map((m) => m.createdAt),
    ],
  });
}
