import "server-only";
import { selectConversation } from "../db/queries/conversation-queries";
import { countPathMessages, selectMessagesAfter } from "../db/queries/message-queries";
import { AppError } from "../errors";
import { exportDisposition, jsonHead, jsonMessage, jsonTail, markdownHead, markdownMemory, markdownMessage } from "./export-format";
import { loadMemory } from "./memory-store";
import { toConversationSummary, toMemoryView, toMessageView } from "./views";

/** Messages read per query: an export holds at most this many in memory, whatever the conversation's size. */
const EXPORT_BATCH = 200;

/**
 * A conversation as a downloadable file, written as it is read: a batch of messages per query, the
 * next one only when the client has taken the last (the stream's backpressure), up to the message
 * that was last when the export began, on the branch that was current then.
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
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(format === "md" ? markdownHead(conversation, count, new Date()) : jsonHead(conversation)));
        return;
      }
      const rows = after < through ? await selectMessagesAfter(id, after, through, EXPORT_BATCH, path) : [];
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
      controller.enqueue(encoder.encode(text));
    },
  });
  return new Response(body, {
    headers: {
      "content-type": format === "md" ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": exportDisposition(conversation.title, format),
    },
  });
}
