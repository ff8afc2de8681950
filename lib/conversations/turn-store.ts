import "server-only";
import { randomUUID } from "node:crypto";
import { fallbackTitle } from "../ai/title";
import { db, pool } from "../db/client";
import type { Queryable } from "../db/transaction";
import { isUniqueViolation } from "../db/errors";
import { AppError } from "../errors";
import type { Extraction } from "../memory/limits";
import type { TurnMessage } from "../memory/messages";
import type { MemoryBuffer } from "../memory/schema";
import { applyTurn, type Turn } from "../memory/update";
import { CHANNEL, eventPayload } from "./events";
import { instanceId } from "./instance";
import { readStoredMemory, updateMemory } from "./memory-store";

export interface BegunTurn {
  conversationId: string;
  user: TurnMessage;
  assistant: TurnMessage;
  /** Memory as the turn found it, and its version for the compare-and-set at the end. */
  memory: MemoryBuffer;
  memoryVersion: number;
  /** The first turn of the conversation: its title is the provisional one from the first message. */
  first: boolean;
}

interface BeginRow {
  lastSeq: number;
  memoryBuffer: unknown;
  memoryVersion: number;
  title: string | null;
}

function begun(conversationId: string, row: BeginRow, user: TurnMessage, assistantId: string): BegunTurn {
  const memory = readStoredMemory(conversationId, row.memoryBuffer);
  return {
    conversationId,
    user,
    assistant: { id: assistantId, seq: row.lastSeq, role: "assistant", content: "" },
    memory,
    memoryVersion: row.memoryVersion,
    first: row.lastSeq === 2,
  };
}

// The turn's statements are sent by name, so each connection parses and plans them once.
const BEGIN_TURN = `
  WITH conversation AS (
    INSERT INTO "Conversation" ("id", "lastSeq", "title") VALUES ($1::uuid, 2, $2)
    ON CONFLICT ("id") DO UPDATE SET "lastSeq" = "Conversation"."lastSeq" + 2, "updatedAt" = CURRENT_TIMESTAMP,
      "title" = COALESCE("Conversation"."title", EXCLUDED."title")
    RETURNING "id", "lastSeq", "memoryBuffer", "memoryVersion", "title"
  ), messages AS (
    INSERT INTO "Message" ("id", "conversationId", "seq", "role", "content", "status", "generator")
    SELECT $3::uuid, "id", "lastSeq" - 1, 'user'::"MessageRole", $4, 'complete'::"MessageStatus", NULL FROM conversation
    UNION ALL
    SELECT $5::uuid, "id", "lastSeq", 'assistant'::"MessageRole", '', 'streaming'::"MessageStatus", $6 FROM conversation
  )
  SELECT "lastSeq", "memoryBuffer", "memoryVersion", "title", pg_notify($7, $8) FROM conversation`;

const FINISH_TURN = `
  WITH memory AS (
    UPDATE "Conversation" SET "memoryBuffer" = $1::jsonb, "memoryVersion" = "memoryVersion" + 1
    WHERE "id" = $2::uuid AND "memoryVersion" = $3
    RETURNING "id"
  ), reply AS (
    UPDATE "Message" SET "content" = $4, "status" = $5::"MessageStatus", "generator" = NULL, "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" = $6::uuid AND EXISTS (SELECT 1 FROM memory)
  )
  SELECT written.n FROM (SELECT count(*)::int AS n FROM memory) written
  LEFT JOIN LATERAL (SELECT pg_notify($7, $8) WHERE written.n > 0) notified ON true`;

/**
 * Persists the user message, and an empty "streaming" reply after it, before the model is called,
 * in one statement: the conversation is created if needed (titled provisionally from the message),
 * and its row lock hands out positions, so concurrent turns get consecutive ones in arrival order.
 */
export async function beginTurn(conversationId: string, userMessageId: string, text: string): Promise<BegunTurn> {
  const assistantId = randomUUID();
  try {
    const { rows } = await pool().query<BeginRow>({
      name: "begin_turn",
      text: BEGIN_TURN,
      values: [
        conversationId,
        fallbackTitle(text),
        userMessageId,
        text,
        assistantId,
        instanceId(),
        CHANNEL,
        eventPayload({ conversationId, messageId: assistantId, kind: "turn" }),
      ],
    });
    const row = rows[0];
    return begun(conversationId, row, { id: userMessageId, seq: row.lastSeq - 1, role: "user", content: text }, assistantId);
  } catch (error) {
    if (isUniqueViolation(error, "Message_pkey")) return retryTurn(conversationId, userMessageId, text, assistantId);
    throw error;
  }
}

/** The same user message sent again (a Retry): it is kept once, and only a new reply is added. */
async function retryTurn(conversationId: string, userMessageId: string, text: string, assistantId: string): Promise<BegunTurn> {
  const existing = await db().message.findUnique({ where: { id: userMessageId } });
  if (!existing || existing.conversationId !== conversationId || existing.role !== "user" || existing.content !== text) {
    throw new AppError("BAD_REQUEST", "That message id is already used by another message.");
  }
  const [row] = await db().$queryRaw<BeginRow[]>`
    WITH conversation AS (
      UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1, "updatedAt" = CURRENT_TIMESTAMP
      WHERE "id" = ${conversationId}::uuid
      RETURNING "id", "lastSeq", "memoryBuffer", "memoryVersion", "title"
    ), reply AS (
      INSERT INTO "Message" ("id", "conversationId", "seq", "role", "content", "status", "generator")
      SELECT ${assistantId}::uuid, "id", "lastSeq", 'assistant'::"MessageRole", '', 'streaming'::"MessageStatus", ${instanceId()}
      FROM conversation
    )
    SELECT "lastSeq", "memoryBuffer", "memoryVersion", "title"
    FROM conversation CROSS JOIN LATERAL pg_notify(${CHANNEL}, ${eventPayload({ conversationId, messageId: assistantId, kind: "turn" })}) AS notified`;
  if (!row) throw new AppError("NOT_FOUND");
  return begun(conversationId, row, { id: userMessageId, seq: existing.seq, role: "user", content: text }, assistantId);
}

type Ending = "complete" | "stopped";

/** The reply's final text and status, announced to every instance when the transaction commits. */
const updateReply = (tx: Queryable, turn: BegunTurn, text: string, status: Ending | "failed") =>
  tx.query({
    name: "update_reply",
    text: `
      WITH reply AS (
        UPDATE "Message" SET "content" = $1, "status" = $2::"MessageStatus", "generator" = NULL, "updatedAt" = CURRENT_TIMESTAMP
        WHERE "id" = $3::uuid
        RETURNING "id"
      )
      SELECT count(*)::int AS n FROM reply CROSS JOIN LATERAL pg_notify($4, $5) AS notified`,
    values: [text, status, turn.assistant.id, CHANNEL, eventPayload({ conversationId: turn.conversationId, messageId: turn.assistant.id, kind: "end" })],
  });

/**
 * Commits the reply and the new memory together, and returns that memory (null if the conversation
 * was deleted meanwhile). Usually one statement that writes memory only if no other turn changed it
 * since this one began; otherwise the turn is re-applied under the row lock.
 */
export async function finishTurn(
  turn: BegunTurn,
  result: { text: string; status: Ending; extraction: Extraction },
  maxBytes: number,
): Promise<MemoryBuffer | null> {
  const update: Turn = {
    user: turn.user,
    assistant: result.text ? { ...turn.assistant, content: result.text } : null,
    extraction: result.extraction,
    at: new Date(),
  };
  const next = applyTurn(turn.memory, update, maxBytes);
  const { rows } = await pool().query<{ n: number }>({
    name: "finish_turn",
    text: FINISH_TURN,
    values: [
      JSON.stringify(next),
      turn.conversationId,
      turn.memoryVersion,
      result.text,
      result.status,
      turn.assistant.id,
      CHANNEL,
      eventPayload({ conversationId: turn.conversationId, messageId: turn.assistant.id, kind: "end" }),
    ],
  });
  if (rows[0].n === 1) return next;
  return updateMemory(
    turn.conversationId,
    (memory) => applyTurn(memory, update, maxBytes),
    (tx) => updateReply(tx, turn, result.text, result.status),
  ).then((written) => written?.memory ?? null, (error: unknown) => {
    // A conversation deleted mid-turn took its messages with it: nothing is left to save.
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  });
}

/** A failed model call: the user message stays, the reply keeps what arrived and says it failed, memory is untouched. */
export async function failTurn(turn: BegunTurn, partialText: string): Promise<void> {
  await updateReply(pool(), turn, partialText, "failed");
}
