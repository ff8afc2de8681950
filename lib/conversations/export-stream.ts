import "server-only";
import { selectConversation } from "../db/queries/conversation-queries";
import { countPathMessages, selectMessagesAfter } from "../db/queries/message-queries";
import { AppError } from "../errors";
import { enqueuePieces, STREAM_BUFFER_BYTES } from "../http/stream-budget";
import { exportDisposition, jsonHead, jsonMessage, jsonTail, markdownHead, markdownMemory, markdownMessage } from "./export-format";
import { loadMemory } from "./memory-store";
import { toConversationSummary, toMemoryView, toMessageView } from "./views";

/** Messages read per query at most. */
const EXPORT_BATCH = 200;
/**
 * Text read per query (past its first message): a quarter of a stream's budget, so that with JSON's
 * escapes and the piece in the socket a batch stays within it, where 200 messages of 100,000
 * characters would be 20 MB.
 */
const EXPORT_BATCH_BYTES = STREAM_BUFFER_BYTES / 4;

/**
 * A conversation as a downloadable file, written as it is read: a batch of messages per query, the
 * next one only when the client has taken all of the last (nothing is read ahead, and no connection
 * is held meanwhile), up to the message that was last when the export began, on the branch that was
 * current then. The route ends it when the client stops reading (endWhenUnread).
 */
export async function exportResponse(id: string, format: "md" | "json"): Promise<Response> {
  const [row, stored] = await Promise.all([selectConversation(id), loadMemory(id).catch(() => null)]);
  if (!row || !stored) throw new AppError("NOT_FOUND");
  const conversation = toConversationSummary(row);
  const memory = toMemoryView(stored.memory);
  const through = row.lastSeq;
  const path = { branches: row.pathBranches, ends: row.pathEnds };
  const branched = row.branch !== 0 || row.pathBranches.length > 1;
  const count = branched ? await countPathMessages(id, path, through) : through;
  const encoder = new TextEncoder();
  let after = 0;
  let started = false;
  let written = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(format === "md" ? markdownHead(conversation, count, new Date()) : jsonHead(conversation)));
          return;
        }
        const rows = after < through ? await selectMessagesAfter(id, after, through, EXPORT_BATCH, EXPORT_BATCH_BYTES, path) : [];
        if (rows.length === 0) {
          controller.enqueue(encoder.encode(format === "md" ? markdownMemory(memory) : jsonTail(memory, written > 0)));
          controller.close();
          return;
        }
        const text = rows
          .map(toMessageView)
          .map((message) => (format === "md" ? markdownMessage(message) : jsonMessage(message, written++ === 0)))
          .join("");
        after = rows[rows.length - 1].seq;
        enqueuePieces(controller, encoder.encode(text));
      },
    },
    // Pulled only when the client asks: a read is never made ahead of it.
    { highWaterMark: 0 },
  );
  return new Response(body, {
    headers: {
      "content-type": format === "md" ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": exportDisposition(conversation.title, format),
    },
  });
}
