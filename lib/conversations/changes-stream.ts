import "server-only";
import { type FollowedMessageRow, selectUnseenMessageIds } from "../db/queries/message-queries";
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
/** A client that stops reading while changes keep coming is dropped rather than buffered without end. */
const MAX_QUEUED_EVENTS = 1_000;
/**
 * The first burst (what the tab has not seen) holds at most this many bytes of text: 200 imported
 * messages can be 20 million characters, and a stream opened with after=0 would hold them all. Past
 * it the tab is told to reload its page, which reads in bounded pages.
 */
const UNSEEN_MAX_BYTES = 500_000;

/**
 * Server-sent events for one conversation: every message added, growing or ending, on any instance,
 * so other tabs stay current without asking. Followers on this instance share one read per change.
 * It starts with what the tab has not seen: messages after position `afterSeq`, and replies still
 * streaming. A `resync` event says that changes may have been missed (the database connection was lost).
 */
export function conversationChangesStream(conversationId: string, afterSeq: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const sent = new Map<string, number>();
      const close = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      const send = (text: string) => {
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED_EVENTS) return close();
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const changed = (rows: FollowedMessageRow[]) => {
        for (const row of rows) {
          // A message of another branch (a turn that ends after another tab showed another version) is not this tab's.
          if (!row.onPath) continue;
          const { content, ...message } = toMessageView(row);
          const known = sent.get(row.id) ?? 0;
          const from = known <= content.length ? known : 0;
          sent.set(row.id, content.length);
          const change: MessageChange = { message, from, text: content.slice(from) };
          send(`data: ${JSON.stringify(change)}\n\n`);
        }
      };
      const resync = () => {
        sent.clear();
        send("event: resync\ndata: {}\n\n");
      };
      let unwatch = () => {};
      const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      cleanup = () => {
        unwatch();
        clearInterval(keepalive);
      };
      signal.addEventListener("abort", close);
      send(": connected\n\n");
      // What the tab has not seen (messages after `afterSeq`, replies still streaming) comes first, through the feed.
      void selectUnseenMessageIds(conversationId, afterSeq, UNSEEN_MAX_BYTES).then(
        (unseen) => {
          if (signal.aborted) return;
          if (unseen.truncated) resync();
          unwatch = watchConversation(conversationId, { changed, resync }, unseen.ids);
        },
        () => close(),
      );
    },
    cancel: () => cleanup(),
  });
}
