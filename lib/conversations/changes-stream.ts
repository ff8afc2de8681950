import "server-only";
import { selectUnseenMessageIds } from "../db/queries/message-queries";
import { enqueuePieces, STREAM_BUFFER_BYTES, STREAM_PIECE_BYTES } from "../http/stream-budget";
import { whenListening } from "./event-bus";
import { type FollowedMessage, readForFollower, watchConversation } from "./live-feed";
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
 * Bytes queued for a client that does not read as fast as changes come: the rest of the budget is a
 * piece on its way (the live-view slot's wrapper reads one ahead) and one in the socket. Past it the
 * stream stops queuing: it sends `resync` and ends, and the browser's EventSource connects again and
 * starts over from its page.
 */
const MAX_QUEUED_BYTES = STREAM_BUFFER_BYTES - 2 * STREAM_PIECE_BYTES - 64;
const RESYNC = "event: resync\ndata: {}\n\n";
/**
 * The first burst (what the tab has not seen) holds at most this many bytes of text: 200 imported
 * messages can be 20 million characters, and a stream opened with after=0 would hold them all. Past
 * it the tab is told to reload its latest page instead, and older pages load on demand.
 */
const UNSEEN_MAX_BYTES = 500_000;

/**
 * Server-sent events for one conversation: every message added, growing or ending, on any instance,
 * so other tabs stay current without asking. Followers on this instance share one read per change.
 * It starts with what the tab has not seen: messages after position `afterSeq`, and replies still
 * streaming. A `resync` event says that the tab should reload its latest page: changes may have been
 * missed (the database connection was lost, another branch became current), or it is too far behind,
 * or it read too slowly (then the stream ends after it).
 */
export function conversationChangesStream(conversationId: string, afterSeq: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        /** What this tab has of each message: its text's length, its status and how many files. */
        const sent = new Map<string, { length: number; status: string; files: number }>();
        const close = () => {
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        const send = (text: string) => {
          const bytes = encoder.encode(text);
          try {
            // desiredSize is what the queue has room for, in bytes (the strategy below).
            if ((controller.desiredSize ?? 0) >= bytes.byteLength) return enqueuePieces(controller, bytes);
            controller.enqueue(encoder.encode(RESYNC));
            close();
          } catch {
            cleanup();
          }
        };
        const changed = (rows: FollowedMessage[]) => {
          for (const row of rows) {
            // A message of another branch (a turn that ends after another tab showed another version) is not this tab's.
            if (!row.onPath) continue;
            const { content, ...view } = toMessageView(row);
            const files = row.attachments?.length ?? 0;
            const known = sent.get(row.id);
            // Read again for another follower, or announced twice: the tab has it already (its files came after it, announced again).
            if (known?.length === content.length && known.status === row.status && known.files === files) continue;
            const from = known && known.length <= content.length ? known.length : 0;
            sent.set(row.id, { length: content.length, status: row.status, files });
            const message = row.attachments ? { ...view, attachments: row.attachments } : view;
            const change: MessageChange = { message, from, text: content.slice(from) };
            send(`data: ${JSON.stringify(change)}\n\n`);
          }
        };
        const resync = () => {
          sent.clear();
          send("event: resync\ndata: {}\n\n");
        };
        // Watching (and listening) starts before the read of what the tab has not seen: a message added
        // between the two is then announced to this stream, where the other order would miss it.
        const listener = { changed, resync };
        const unwatch = watchConversation(conversationId, listener);
        const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
        cleanup = () => {
          unwatch();
          clearInterval(keepalive);
        };
        if (signal.aborted) return close();
        signal.addEventListener("abort", close);
        send(": connected\n\n");
        // What the tab has not seen (messages after `afterSeq`, replies still streaming) comes through the feed.
        void whenListening(signal)
          .then(() => (signal.aborted ? null : selectUnseenMessageIds(conversationId, afterSeq, UNSEEN_MAX_BYTES)))
          .then(
            (unseen) => {
              if (!unseen || signal.aborted) return;
              if (unseen.truncated) resync();
              readForFollower(conversationId, listener, unseen.ids);
            },
            () => close(),
          );
      },
      cancel: () => cleanup(),
    },
    { highWaterMark: MAX_QUEUED_BYTES, size: (chunk) => chunk.byteLength },
  );
}
