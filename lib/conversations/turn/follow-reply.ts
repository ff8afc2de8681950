import "server-only";
import { createUIMessageStream, type UIMessageChunk } from "ai";
import { interruptStaleReplies, type MessageRow, selectStreamingReply } from "../../db/queries/message-queries";
import { AppError } from "../../errors";
import { readForFollower, watchConversation } from "../live-feed";
import { STALE_MS } from "./instance";
import { localRun } from "./reply-run";
import { streamErrorText, streamReply } from "./stream-reply";

/** A reply another instance generates, followed through the database with everyone else on this instance. */
function followStoredReply(conversationId: string, reply: MessageRow, signal: AbortSignal): ReadableStream<UIMessageChunk> {
  const id = reply.id;
  return createUIMessageStream({
    execute: ({ writer }) =>
      new Promise<void>((resolve, reject) => {
        writer.write({ type: "start", messageId: id, messageMetadata: { conversationId } });
        writer.write({ type: "text-start", id });
        let sent = 0;
        let unwatch = () => {};
        const settle = (end: () => void) => {
          unwatch();
          end();
        };
        const show = (row: MessageRow) => {
          if (row.content.length > sent) writer.write({ type: "text-delta", id, delta: row.content.slice(sent) });
          sent = Math.max(sent, row.content.length);
          if (row.status === "failed") settle(() => reject(new AppError("MODEL_UNAVAILABLE")));
          else if (row.status === "interrupted") settle(() => reject(new AppError("REPLY_INTERRUPTED")));
          else if (row.status !== "streaming") {
            settle(() => {
              writer.write({ type: "text-end", id });
              writer.write({ type: "finish" });
              resolve();
            });
          }
        };
        const listener = { changed: (rows: MessageRow[]) => rows.filter((row) => row.id === id).forEach(show) };
        unwatch = watchConversation(conversationId, listener);
        // Read again once watching: a change between the first read and the watch is not missed.
        readForFollower(conversationId, listener, [id]);
        show(reply);
        signal.addEventListener("abort", () => settle(resolve));
      }),
    onError: streamErrorText,
  });
}

/**
 * The conversation's reply still being generated, as a UI message stream from its first character,
 * so a reloaded page shows the text so far and then continues live; null when there is none.
 */
export async function followLatestReply(conversationId: string, signal: AbortSignal): Promise<ReadableStream<UIMessageChunk> | null> {
  await interruptStaleReplies(conversationId, STALE_MS / 1000);
  const reply = await selectStreamingReply(conversationId);
  if (!reply) return null;
  const run = localRun(reply.id);
  return run ? streamReply(run, { conversationId }, signal) : followStoredReply(conversationId, reply, signal);
}
