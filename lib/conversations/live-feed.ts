import "server-only";
import { type AttachmentView, attachmentUrl } from "../attachments/attachment-view";
import { attachmentsByMessage } from "../attachments/attachments-by-message";
import { type FollowedMessageRow, interruptStaleReplies, selectMessagesById } from "../db/queries/message-queries";
import { subscribeToEvents } from "./event-bus";
import { STALE_MS } from "./turn/instance";

/** A followed message as read: a user message with the files it was sent with. */
export interface FollowedMessage extends FollowedMessageRow {
  attachments?: AttachmentView[];
}

/** Someone following a conversation: changed rows as they are read, and a word when some may have been missed. */
export interface FeedListener {
  changed(messages: FollowedMessage[]): void;
  resync?(): void;
}

/** While a watched reply streams and no event arrives, it is read this often: LISTEN may be down. */
const POLL_MS = 1_000;
/** Messages read by one statement: followers of a thousand conversations cost one read per tick, not a thousand. */
const READ_BATCH = 1_000;

/** A followed reply still streaming: the instance generating it, and when it was last announced. */
interface StreamingReply {
  generator: string | null;
  heardAt: number;
}

/** Everyone on this instance who follows one conversation. */
class ConversationFeed {
  readonly listeners = new Set<FeedListener>();
  readonly streaming = new Map<string, StreamingReply>();
  /*
   * Each mark below holds the number of reads started when it was made: a read settles only marks
   * older than itself. A change announced while a read of that message is under way stays marked, so
   * the next read delivers it (else a reply's end, read again, would reach nobody).
   */
  /** Messages asked for and not yet read: who generates them is not known yet, so every flush reads them. */
  readonly unread = new Map<string, number>();
  /** Messages read for everyone: they changed. */
  readonly changed = new Map<string, number>();
  /** Messages read only for some listeners (what each had not seen when it started), by message. */
  readonly askedBy = new Map<string, Map<FeedListener, number>>();

  constructor(readonly conversationId: string) {}

  /** The message changed: everyone following reads it. */
  want(messageId: string): void {
    this.changed.set(messageId, readsStarted);
    this.read(messageId);
  }

  /** `listener` has not seen the message: it alone reads it, unless it changes meanwhile. */
  ask(messageId: string, listener: FeedListener): void {
    const asking = this.askedBy.get(messageId);
    if (asking) asking.set(listener, readsStarted);
    else this.askedBy.set(messageId, new Map([[listener, readsStarted]]));
    this.read(messageId);
  }

  private read(messageId: string): void {
    const reply = this.streaming.get(messageId);
    if (reply) reply.heardAt = Date.now();
    else this.unread.set(messageId, readsStarted);
    want(messageId);
  }

  /** Events may have been missed: read the streaming replies again, and tell the listeners. */
  resync(): void {
    for (const id of this.streaming.keys()) this.want(id);
    for (const listener of this.listeners) listener.resync?.();
  }

  /** `instance` flushed its replies: those of this conversation it generates have grown. */
  flushedBy(instance: string): void {
    for (const [id, reply] of this.streaming) if (reply.generator === instance) this.want(id);
    for (const id of this.unread.keys()) want(id);
  }

  /** Streaming replies not announced for POLL_MS are read anyway. */
  pollQuiet(now: number): void {
    for (const [id, reply] of this.streaming) if (now - reply.heardAt >= POLL_MS) this.want(id);
  }

  /** Read number `read` found the message, or found it gone: nobody who asked before that read waits for it. */
  settle(messageId: string, read: number): void {
    if ((this.changed.get(messageId) ?? read) < read) this.changed.delete(messageId);
    if ((this.unread.get(messageId) ?? read) < read) this.unread.delete(messageId);
    const asking = this.askedBy.get(messageId);
    if (!asking) return;
    for (const [listener, asked] of asking) if (asked < read) asking.delete(listener);
    if (asking.size === 0) this.askedBy.delete(messageId);
  }

  /** The rows that read number `read` found: to those who wait for them, once each. */
  async deliver(rows: FollowedMessage[], read: number): Promise<void> {
    for (const listener of this.listeners) {
      const theirs = rows.filter((row) => this.changed.has(row.id) || this.askedBy.get(row.id)?.has(listener));
      if (theirs.length > 0) listener.changed(theirs);
    }
    for (const row of rows) {
      this.settle(row.id, read);
      if (row.status !== "streaming") this.streaming.delete(row.id);
      else {
        const known = this.streaming.get(row.id);
        if (known) known.generator = row.generator;
        else this.streaming.set(row.id, { generator: row.generator, heardAt: Date.now() });
        // Its instance stopped writing it: it died, so the reply is marked interrupted.
        if (Date.now() - row.updatedAt.getTime() > STALE_MS)
          await interruptStaleReplies(this.conversationId, STALE_MS / 1000).catch(() => {});
      }
    }
  }
}

const feeds = new Map<string, ConversationFeed>();
/** Messages to read, for every feed at once: each change announced is read once, in one statement. */
const pending = new Set<string>();
/** Reads of `pending` started so far: marks made now are settled only by a later read. */
let readsStarted = 0;
let reading = false;
let retrying = false;
let poll: NodeJS.Timeout | undefined;

function want(messageId: string): void {
  pending.add(messageId);
  void readPending();
}

async function readPending(): Promise<void> {
  if (reading) return;
  reading = true;
  try {
    while (pending.size > 0) {
      const ids = [...pending].slice(0, READ_BATCH);
      for (const id of ids) pending.delete(id);
      const read = ++readsStarted;
      let rows: FollowedMessageRow[];
      try {
        rows = await selectMessagesById(ids);
      } catch {
        // Read again shortly: a change that was announced must not be lost to a passing failure.
        for (const id of ids) pending.add(id);
        if (!retrying) {
          retrying = true;
          setTimeout(() => {
            retrying = false;
            void readPending();
          }, POLL_MS);
        }
        return;
      }
      // A message that no longer exists (a deleted conversation's) is not waited for again.
      const found = new Set(rows.map((row) => row.id));
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length > 0) for (const feed of feeds.values()) for (const id of missing) feed.settle(id, read);
      const byConversation = new Map<string, FollowedMessageRow[]>();
      for (const row of rows) {
        const group = byConversation.get(row.conversationId);
        if (group) group.push(row);
        else byConversation.set(row.conversationId, [row]);
      }
      for (const [conversationId, changed] of byConversation)
        await feeds.get(conversationId)?.deliver(await withFiles(conversationId, changed), read);
    }
  } finally {
    reading = false;
  }
}

/** The user messages among `rows` with their files (linked after the message is stored, and announced again then). */
async function withFiles(conversationId: string, rows: FollowedMessageRow[]): Promise<FollowedMessage[]> {
  const asked = rows.filter((row) => row.role === "user").map((row) => row.id);
  if (asked.length === 0) return rows;
  // A message is worth more without its files than not at all.
  const files = await attachmentsByMessage(asked, (attachmentId) => attachmentUrl(conversationId, attachmentId)).catch(() => null);
  return files ? rows.map((row) => ({ ...row, ...(files.has(row.id) && { attachments: files.get(row.id) }) })) : rows;
}

function pollQuiet(): void {
  const now = Date.now();
  for (const feed of feeds.values()) feed.pollQuiet(now);
}

let listening = false;

/**
 * Tells `listener` about every change of the conversation's messages, on any instance, until the
 * returned function is called. Everyone following the conversation on this instance shares each read.
 */
export function watchConversation(conversationId: string, listener: FeedListener): () => void {
  if (!listening) {
    listening = true;
    subscribeToEvents({
      event: (event) => {
        if (event.kind === "flush") {
          for (const feed of feeds.values()) feed.flushedBy(event.instance);
          return;
        }
        const feed = feeds.get(event.conversationId);
        // Another branch became current: what the followers show is no longer the conversation's.
        if (event.messageId === null) feed?.resync();
        else if (event.messageId) feed?.want(event.messageId);
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
  poll ??= setInterval(pollQuiet, POLL_MS);
  feed.listeners.add(listener);
  const watched = feed;
  return () => {
    watched.listeners.delete(listener);
    for (const asking of watched.askedBy.values()) asking.delete(listener);
    if (watched.listeners.size === 0 && feeds.get(conversationId) === watched) feeds.delete(conversationId);
    if (feeds.size === 0) {
      clearInterval(poll);
      poll = undefined;
    }
  };
}

/**
 * Reads messages for one listener of the conversation (it must be watching), in order with the feed's
 * other reads: what it had not seen when it started. Those still streaming are then polled as well,
 * in case their announcements are missed. The other listeners have what they need of them already.
 */
export function readForFollower(conversationId: string, listener: FeedListener, messageIds: string[]): void {
  const feed = feeds.get(conversationId);
  if (feed?.listeners.has(listener)) for (const id of messageIds) feed.ask(id, listener);
}
