import "server-only";
import { type FollowedMessageRow, selectUnseenMessageIds } from "../db/queries/message-queries";
import { BudgetedQueue } from "../http/budgeted-queue";
import { STREAM_PIECE_BYTES } from "../http/stream-budget";
import { whenListening } from "./event-bus";
import { readForFollower, watchConversation } from "./live-feed";
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
const RESYNC = "event: resync\ndata: {}\n\n";
/**
 * The first burst (what the tab has not seen) holds at most this many bytes of text: 200 imported
 * messages can be 20 million characters, and a stream opened with after=0 would hold them all. Past
 * it the tab is told to reload its latest page instead, and older pages load on demand.
 */
const UNSEEN_MAX_BYTES = 500_000;
/** Messages of the first burst read at once, at most: a read costs one statement, shared with the instance's other followers. */
const BURST_BATCH_MAX = 32;

/**
 * Server-sent events for one conversation: every message added, growing or ending, on any instance,
 * so other tabs stay current without asking. Followers on this instance share one read per change.
 * It starts with what the tab has not seen: messages after position `afterSeq`, and replies still
 * streaming, read as the client takes them, about a piece at a time. A `resync` event says that the
 * tab should reload its latest page: changes may have been missed (the database connection was lost,
 * another branch became current), or it is too far behind, or it read too slowly, so that its queue
 * was past the stream's cap or the budget of the instance or of the client's `network` (then the
 * stream ends after it, and the browser's EventSource connects again and starts over from its page).
 */
export function conversationChangesStream(
  conversationId: string,
  afterSeq: number,
  network: string | null,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const queue = new BudgetedQueue(network);
  /** What the tab has not seen and is not read yet; null until it is known. */
  let unseen: string[] | null = null;
  let burstRead = 0;
  let burstBytes = 0;
  /** No more is queued: the stream ends once its client took what is. */
  let ending = false;
  let wake: (() => void) | undefined;
  const woken = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  let cleanup = () => {};
  const stop = () => {
    if (!ending) cleanup();
    ending = true;
    woken();
  };
  /** The client left: nothing more is sent. */
  const leave = () => {
    stop();
    queue.clear();
  };
  /** What this tab has of each message: its text's length and its status. */
  const sent = new Map<string, { length: number; status: string }>();
  const send = (text: string) => {
    if (ending) return;
    if (queue.offer(encoder.encode(text))) return woken();
    stop();
    queue.endWith(encoder.encode(RESYNC));
  };
  const changed = (rows: FollowedMessageRow[]) => {
    for (const row of rows) {
      // A message of another branch (a turn that ends after another tab showed another version) is not this tab's.
      if (!row.onPath) continue;
      const { content, ...message } = toMessageView(row);
      const known = sent.get(row.id);
      // Read again for another follower, or announced twice: the tab has it already.
      if (known?.length === content.length && known.status === row.status) continue;
      const from = known && known.length <= content.length ? known.length : 0;
      sent.set(row.id, { length: content.length, status: row.status });
      const change: MessageChange = { message, from, text: content.slice(from) };
      send(`data: ${JSON.stringify(change)}\n\n`);
    }
  };
  const listener = {
    changed,
    resync: () => {
      sent.clear();
      send(RESYNC);
    },
  };
  /** Reads the next messages of the first burst: about a piece's worth, judged by those read so far (one at first). */
  const readBurst = async (ids: string[]) => {
    const count = burstRead === 0 ? 1 : Math.floor((STREAM_PIECE_BYTES * burstRead) / Math.max(1, burstBytes));
    const batch = ids.splice(0, Math.min(BURST_BATCH_MAX, Math.max(1, count)));
    const before = queue.held;
    await readForFollower(conversationId, listener, batch);
    burstRead += batch.length;
    burstBytes += Math.max(0, queue.held - before);
  };
  return new ReadableStream<Uint8Array>(
    {
      start() {
        // Watching (and listening) starts before the read of what the tab has not seen: a message added
        // between the two is then announced to this stream, where the other order would miss it.
        const unwatch = watchConversation(conversationId, listener);
        const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
        cleanup = () => {
          unwatch();
          clearInterval(keepalive);
          signal.removeEventListener("abort", leave);
        };
        if (signal.aborted) return leave();
        signal.addEventListener("abort", leave);
        send(": connected\n\n");
        void whenListening(signal)
          .then(() => (signal.aborted ? null : selectUnseenMessageIds(conversationId, afterSeq, UNSEEN_MAX_BYTES)))
          .then(
            (found) => {
              if (!found || ending) return;
              if (found.truncated) listener.resync();
              unseen = found.ids;
              woken();
            },
            () => stop(),
          );
      },
      async pull(controller) {
        queue.pulled();
        for (;;) {
          const piece = queue.next();
          if (piece) return controller.enqueue(piece);
          if (ending) {
            queue.clear();
            return controller.close();
          }
          // What the tab has not seen comes through the feed, in order with its other reads, once the queue is empty.
          if (unseen?.length) await readBurst(unseen);
          else
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
        }
      },
      cancel: leave,
    },
    // Pulled only when the client asks: nothing is read ahead of it.
    { highWaterMark: 0 },
  );
}
