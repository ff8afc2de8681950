import "server-only";
import { type MessageRow, selectStreamingReply } from "../db/queries/message-queries";
import { watchConversation } from "./live-feed";
import { type MessageView, toMessageView } from "./views";

/**
 * A change of one message, as another tab receives it: the message without its text, and its text
 * from position `from` on (0 the first time this tab hears of the message, then only what is new).
 */
export interface MessageChange {
  message: Omit<MessageView, "content">;
  from: number;
  text: string;
}

const KEEPALIVE_MS = 15_000;

/**
 * Server-sent events for one conversation: every message added, growing or ending, on any instance,
 * so other tabs stay current without asking. Followers on this instance share one read per change.
 */
export function conversationChangesStream(conversationId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const sent = new Map<string, number>();
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const forward = (rows: MessageRow[]) => {
        for (const row of rows) {
          const { content, ...message } = toMessageView(row);
          const known = sent.get(row.id) ?? 0;
          const from = known <= content.length ? known : 0;
          sent.set(row.id, content.length);
          const change: MessageChange = { message, from, text: content.slice(from) };
          send(`data: ${JSON.stringify(change)}\n\n`);
        }
      };
      const unwatch = watchConversation(conversationId, forward);
      const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      cleanup = () => {
        unwatch();
        clearInterval(keepalive);
      };
      signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      send(": connected\n\n");
      // A reply already streaming when this tab connected: its text so far, then its growth.
      void selectStreamingReply(conversationId).then(
        (reply) => reply && !signal.aborted && forward([reply]),
        () => {},
      );
    },
    cancel: () => cleanup(),
  });
}
