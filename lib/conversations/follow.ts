import "server-only";
import { createUIMessageStream, type UIMessageChunk } from "ai";
import { pool } from "../db/client";
import { AppError, toAppError } from "../errors";
import { subscribe } from "./events";
import { localRun } from "./generation";
import { STALE_MS } from "./instance";
import { markInterrupted } from "./interrupted";
import { streamRun } from "./turn";

interface ReplyRow {
  id: string;
  content: string;
  status: "streaming" | "complete" | "stopped" | "interrupted" | "failed";
  updatedAt: Date;
}

const POLL_MS = 1_000;

const REPLY = `SELECT "id", "content", "status", "updatedAt" FROM "Message"`;

const readReply = async (id: string) => (await pool().query<ReplyRow>(`${REPLY} WHERE "id" = $1::uuid`, [id])).rows[0];

/** A reply another instance generates, followed through the database: woken by NOTIFY, polling as a fallback. */
function followStored(conversationId: string, reply: ReplyRow, signal: AbortSignal): ReadableStream<UIMessageChunk> {
  const id = reply.id;
  return createUIMessageStream({
    execute: async ({ writer }) => {
      writer.write({ type: "start", messageId: id, messageMetadata: { conversationId } });
      writer.write({ type: "text-start", id });
      let wake: () => void = () => {};
      const unsubscribe = subscribe((event) => {
        if (event.messageId === id) wake();
      });
      try {
        let sent = 0;
        for (let current: ReplyRow | undefined = reply; current && !signal.aborted; current = await readReply(id)) {
          if (current.content.length > sent) {
            writer.write({ type: "text-delta", id, delta: current.content.slice(sent) });
            sent = current.content.length;
          }
          if (current.status === "failed") throw new AppError("MODEL_UNAVAILABLE");
          if (current.status === "interrupted") throw new AppError("REPLY_INTERRUPTED");
          if (current.status !== "streaming") break;
          if (Date.now() - current.updatedAt.getTime() > STALE_MS) await markInterrupted(conversationId);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, POLL_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        writer.write({ type: "text-end", id });
        writer.write({ type: "finish" });
      } finally {
        unsubscribe();
      }
    },
    onError: (error) => JSON.stringify(toAppError(error).toJSON()),
  });
}

/**
 * The conversation's reply still being generated, as a UI message stream from its first character,
 * so a reloaded page shows the text so far and then continues live; null when there is none.
 */
export async function followLatestReply(conversationId: string, signal: AbortSignal): Promise<ReadableStream<UIMessageChunk> | null> {
  await markInterrupted(conversationId);
  const { rows } = await pool().query<ReplyRow>(
    `${REPLY}
     WHERE "conversationId" = $1::uuid AND "role" = 'assistant' AND "status" = 'streaming'
     ORDER BY "seq" DESC LIMIT 1`,
    [conversationId],
  );
  const reply = rows[0];
  if (!reply) return null;
  const run = localRun(reply.id);
  return run ? streamRun(run, { conversationId }, signal) : followStored(conversationId, reply, signal);
}
