import "server-only";
import { interruptStaleReplies, type MessageRow, selectMessagesById } from "../db/queries/message-queries";
import { subscribeToEvents } from "./event-bus";
import { STALE_MS } from "./turn/instance";

type FeedListener = (messages: MessageRow[]) => void;

/** While a watched reply streams and no event arrives, it is read this often: LISTEN may be down. */
const POLL_MS = 1_000;

/**
 * Everyone on this instance who follows one conversation shares one feed: each change announced
 * for it is read from the database once, whatever the number of followers.
 */
class ConversationFeed {
  readonly listeners = new Set<FeedListener>();
  private readonly pending = new Set<string>();
  private readonly streaming = new Set<string>();
  private reading = false;
  private lastEvent = Date.now();
  private poll: NodeJS.Timeout | undefined;

  constructor(readonly conversationId: string) {}

  /** A message changed (or may have): read it, together with whatever else changes meanwhile. */
  changed(messageId: string): void {
    this.lastEvent = Date.now();
    this.pending.add(messageId);
    void this.read();
  }

  watchReply(messageId: string): void {
    this.streaming.add(messageId);
    this.poll ??= setInterval(() => this.tick(), POLL_MS);
  }

  close(): void {
    clearInterval(this.poll);
  }

  private tick(): void {
    if (this.streaming.size === 0 || Date.now() - this.lastEvent < POLL_MS) return;
    for (const id of this.streaming) this.pending.add(id);
    void this.read();
  }

  private async read(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      while (this.pending.size > 0 && this.listeners.size > 0) {
        const ids = [...this.pending];
        this.pending.clear();
        const rows = await selectMessagesById(ids).catch(() => [] as MessageRow[]);
        await this.track(rows);
        for (const listener of this.listeners) listener(rows);
      }
    } finally {
      this.reading = false;
    }
  }

  /** Keeps polling streaming replies, and marks one interrupted when its instance stopped writing it. */
  private async track(rows: MessageRow[]): Promise<void> {
    for (const row of rows) {
      if (row.status !== "streaming") this.streaming.delete(row.id);
      else {
        this.watchReply(row.id);
        if (Date.now() - row.updatedAt.getTime() > STALE_MS)
          await interruptStaleReplies(this.conversationId, STALE_MS / 1000).catch(() => {});
      }
    }
  }
}

const feeds = new Map<string, ConversationFeed>();
let listening = false;

/**
 * Calls `listener` with the changed rows whenever a message of the conversation changes, on any
 * instance, until the returned function is called. `replyId` names a reply already streaming,
 * polled even if its announcements are missed.
 */
export function watchConversation(conversationId: string, listener: FeedListener, replyId?: string): () => void {
  if (!listening) {
    listening = true;
    subscribeToEvents((event) => feeds.get(event.conversationId)?.changed(event.messageId));
  }
  let feed = feeds.get(conversationId);
  if (!feed) {
    feed = new ConversationFeed(conversationId);
    feeds.set(conversationId, feed);
  }
  feed.listeners.add(listener);
  if (replyId) feed.watchReply(replyId);
  const watched = feed;
  return () => {
    watched.listeners.delete(listener);
    if (watched.listeners.size === 0 && feeds.get(conversationId) === watched) {
      watched.close();
      feeds.delete(conversationId);
    }
  };
}
