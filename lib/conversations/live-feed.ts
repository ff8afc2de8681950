import "server-only";
import { type FollowedMessageRow, interruptStaleReplies, selectMessagesById } from "../db/queries/message-queries";
import { subscribeToEvents } from "./event-bus";
import { STALE_MS } from "./turn/instance";

/** Someone following a conversation: changed rows as they are read, and a word when some may have been missed. */
export interface FeedListener {
  changed(messages: FollowedMessageRow[]): void;
  resync?(): void;
}

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
  private closed = false;
  private lastEvent = Date.now();
  private poll: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;

  constructor(readonly conversationId: string) {}

  /** A message changed (or may have): read it, together with whatever else changes meanwhile. */
  changed(messageId: string): void {
    this.lastEvent = Date.now();
    this.pending.add(messageId);
    void this.read();
  }

  /** Events may have been missed: read the streaming replies again, and tell the listeners. */
  resync(): void {
    for (const id of this.streaming) this.changed(id);
    for (const listener of this.listeners) listener.resync?.();
  }

  private watchReply(messageId: string): void {
    if (this.closed) return;
    this.streaming.add(messageId);
    this.poll ??= setInterval(() => this.tick(), POLL_MS);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.poll);
    clearTimeout(this.retry);
    this.poll = undefined;
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
      while (this.pending.size > 0 && !this.closed) {
        const ids = [...this.pending];
        this.pending.clear();
        let rows: FollowedMessageRow[];
        try {
          rows = await selectMessagesById(ids);
        } catch {
          // Read again shortly: a change that was announced must not be lost to a passing failure.
          for (const id of ids) this.pending.add(id);
          this.retry ??= setTimeout(() => {
            this.retry = undefined;
            void this.read();
          }, POLL_MS);
          return;
        }
        await this.track(rows);
        for (const listener of this.listeners) listener.changed(rows);
      }
    } finally {
      this.reading = false;
    }
  }

  /** Keeps polling streaming replies, and marks one interrupted when its instance stopped writing it. */
  private async track(rows: FollowedMessageRow[]): Promise<void> {
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
 * Tells `listener` about every change of the conversation's messages, on any instance, until the
 * returned function is called. `readNow` names messages to read at once, in order with the feed's
 * other reads (what the listener has not seen yet); those still streaming are polled as well, in
 * case their announcements are missed.
 */
export function watchConversation(conversationId: string, listener: FeedListener, readNow: string[] = []): () => void {
  if (!listening) {
    listening = true;
    subscribeToEvents({
      event: (event) => {
        const feed = feeds.get(event.conversationId);
        // Another branch became current: what the followers show is no longer the conversation's.
        if (event.messageId === null) feed?.resync();
        else feed?.changed(event.messageId);
      },
      resync: () => {
        for (const feed of feeds.values()) feed.resync();
      },
    });
  }
  let feed = feeds.get(conversationId);
  if (!feed) {
    feed = new ConversationFeed(conversationId);
    feeds.set(conversationId, feed);
  }
  feed.listeners.add(listener);
  for (const id of readNow) feed.changed(id);
  const watched = feed;
  return () => {
    watched.listeners.delete(listener);
    if (watched.listeners.size === 0 && feeds.get(conversationId) === watched) {
      watched.close();
      feeds.delete(conversationId);
    }
  };
}
