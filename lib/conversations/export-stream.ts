import "server-only";
import { type ExportedAttachmentRow, selectExportedAttachments } from "../db/queries/attachment-queries";
import { selectConversation } from "../db/queries/conversation-queries";
import { countPathMessages, selectMessagesAfter } from "../db/queries/message-queries";
import { AppError } from "../errors";
import { enqueuePieces, STREAM_BUFFER_BYTES } from "../http/stream-budget";
import {
  archiveFilePath,
  type ExportedFile,
  type ExportedMessage,
  exportDisposition,
  jsonHead,
  jsonMessage,
  jsonTail,
  markdownHead,
  markdownMemory,
  markdownMessage,
} from "./export-format";
import { loadMemory } from "./memory-store";
import { type MessageView, toConversationSummary, toMemoryView, toMessageView } from "./views";

/** Messages read per query at most. */
const EXPORT_BATCH = 200;
/**
 * Text read per query (past its first message): a quarter of a stream's budget, so that with JSON's
 * escapes and the piece in the socket a batch stays within it, where 200 messages of 100,000
 * characters would be 20 MB.
 */
const EXPORT_BATCH_BYTES = STREAM_BUFFER_BYTES / 4;

/** What a zip export does with each file its JSON lists: adds its bytes at `path`. */
export type ExportedFileSink = (file: ExportedAttachmentRow, path: string) => void;

/** The messages of a batch with their files: `sink` given, each file's path in the zip too, and its bytes added there. */
async function withFiles(messages: MessageView[], sink: ExportedFileSink | null): Promise<ExportedMessage[]> {
  const files = await selectExportedAttachments(messages.filter((message) => message.role === "user").map((message) => message.id));
  if (files.length === 0) return messages;
  const byMessage = new Map<string, ExportedFile[]>();
  for (const file of files) {
    const path = sink ? archiveFilePath(file.id, file.name, file.mediaType) : null;
    if (sink && path) sink(file, path);
    const listed = { name: file.name, mediaType: file.mediaType, size: file.size, width: file.width, height: file.height };
    byMessage.set(file.messageId, [...(byMessage.get(file.messageId) ?? []), path ? { ...listed, file: path } : listed]);
  }
  return messages.map((message) => (byMessage.has(message.id) ? { ...message, attachments: byMessage.get(message.id) } : message));
}

/**
 * A conversation as a downloadable file, written as it is read: a batch of messages per query, the
 * next one only when the client has taken all of the last (nothing is read ahead, and no connection
 * is held meanwhile), up to the message that was last when the export began, on the branch that was
 * current then. The route ends it when the client stops reading (endWhenUnread). Each message lists
 * its files; `files`, for a zip export, takes each of them as its batch is written, and `end` is
 * called once the last is listed.
 */
export async function exportBody(
  id: string,
  format: "md" | "json",
  archive: { files: ExportedFileSink; end: () => void } | null = null,
): Promise<{ body: ReadableStream<Uint8Array>; title: string | null }> {
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
          archive?.end();
          return;
        }
        const messages = await withFiles(rows.map(toMessageView), archive?.files ?? null);
        const text = messages
          .map((message) => (format === "md" ? markdownMessage(message) : jsonMessage(message, written++ === 0)))
          .join("");
        after = rows[rows.length - 1].seq;
        enqueuePieces(controller, encoder.encode(text));
      },
    },
    // Pulled only when the client asks: a read is never made ahead of it.
    { highWaterMark: 0 },
  );
  return { body, title: conversation.title };
}

/** The conversation as Markdown or as JSON (which the import reads back). */
export async function exportResponse(id: string, format: "md" | "json"): Promise<Response> {
  const { body, title } = await exportBody(id, format);
  return new Response(body, {
    headers: {
      "content-type": format === "md" ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": exportDisposition(title, format),
    },
  });
}
