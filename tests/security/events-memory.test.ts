import { randomUUID } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as eventsRoute } from "@/app/api/conversations/[id]/events/route";
import type { MessageChange } from "@/lib/conversations/changes-stream";
import { pool } from "@/lib/db/client";
import { BudgetedQueue } from "@/lib/http/budgeted-queue";
import { NETWORK_SHARE, queuedBytes } from "@/lib/http/queue-budget";
import { setUpAppDatabase } from "../support/app-database";
import { withClient } from "../support/database";

// Events streams that clients open and never read, at the default caps on live views (24 open per
// client, 16 clients' worth per network, 120 opens a minute): what they hold in this process, in all.
// The instance's budget for events streams' queues is 32 MB here (64 MB by default), a network's
// share of it 2 MB.
const BUDGET = 32 * 1_048_576;
const SHARE = BUDGET / NETWORK_SHARE;
const database = setUpAppDatabase({
  LIMIT_OPEN_STREAMS_PER_CLIENT: "24",
  LIMIT_LIVE_VIEWS_PER_MINUTE_PER_CLIENT: "120",
  EVENTS_QUEUE_MAX_BYTES: String(BUDGET),
});

const MB = 1_048_576;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rows = (sql: string, values: unknown[] = []) => withClient(database.url(), async (client) => (await client.query(sql, values)).rows);

// Heap and array buffers after a full collection: what the streams hold, not what they let go.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
function memoryInUse(): number {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** 11 messages of 45,000 newlines, stored as an import stores them: 495,000 bytes of text, twice that as JSON. */
const ADD_MESSAGES = `INSERT INTO "Message" ("conversationId", "seq", "role", "content")
  SELECT $1, n, (CASE WHEN n % 2 = 1 THEN 'user' ELSE 'assistant' END)::"MessageRole", repeat(E'\\n', 45000) FROM generate_series(1, 11) n
  RETURNING "id", "conversationId"`;

/** Observes the app's statements (they run as they would): bytes of message text they returned. */
function watchReads() {
  const db = pool();
  const real = db.query.bind(db) as (...args: unknown[]) => Promise<{ rows?: { content?: string }[] }>;
  let text = 0;
  let last = Date.now();
  vi.spyOn(db, "query").mockImplementation((async (...args: unknown[]) => {
    const result = await real(...args);
    for (const row of result.rows ?? []) text += Buffer.byteLength(row.content ?? "");
    last = Date.now();
    return result;
  }) as never);
  return {
    textBytes: () => text,
    settled: async (ms = 500) => {
      while (Date.now() - last < ms) await sleep(50);
    },
  };
}

/** The most the streams of `network`, and all of them, held at once: observed as each event is offered. */
function watchPeaks(network: string) {
  const real = BudgetedQueue.prototype.offer;
  const peak = { network: 0, instance: 0 };
  vi.spyOn(BudgetedQueue.prototype, "offer").mockImplementation(function (this: BudgetedQueue, event: Uint8Array) {
    const queued = real.call(this, event);
    peak.network = Math.max(peak.network, queuedBytes(network));
    peak.instance = Math.max(peak.instance, queuedBytes());
    return queued;
  });
  return peak;
}

const openEvents = (id: string, client: string, signal?: AbortSignal) =>
  eventsRoute(new Request(`http://localhost/api/conversations/${id}/events?after=0`, { headers: { "x-forwarded-for": client }, signal }), {
    params: Promise.resolve({ id }),
  });

/** Opens 24 unread streams from each of `network`.1…`clients` (a /24), as fast as it can; the 17th address and on are refused. */
async function openUnread(id: string, network: string, clients: number) {
  const opened: ReadableStream<Uint8Array>[] = [];
  const refused: number[] = [];
  const started = Date.now();
  for (let client = 1; client <= clients; client++)
    for (let i = 0; i < 24; i++) {
      const response = await openEvents(id, `${network}.${client}`);
      if (response.body && response.status === 200) opened.push(response.body);
      else refused.push(response.status);
    }
  return { opened, refused, msPerOpen: (Date.now() - started) / (clients * 24) };
}

/** Reads a stream until it ends, or `done` says its changes are enough. */
async function readAll(body: ReadableStream<Uint8Array>, done: (changes: MessageChange[]) => boolean) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  // Whole events only: the last may be cut between pieces.
  const changes = () =>
    text
      .split("\n\n")
      .slice(0, -1)
      .filter((event) => event.startsWith("data: "))
      .map((event) => JSON.parse(event.slice(6)) as MessageChange);
  while (!done(changes())) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader.cancel();
  return { changes: changes(), resynced: text.includes("event: resync") };
}

/** Each message's text as the tab puts it together from its changes, and whether any part was sent twice. */
function assemble(changes: MessageChange[]) {
  const texts = new Map<string, string>();
  let repeated = false;
  for (const { message, from, text } of changes) {
    const known = texts.get(message.id) ?? "";
    if (from < known.length) repeated = true;
    texts.set(message.id, known.slice(0, from) + text);
  }
  return { texts, repeated };
}

afterEach(() => vi.restoreAllMocks());

describe("events streams that are opened and never read", () => {
  it("hold next to nothing: the first burst is read only as a client takes it (384 streams of a /24)", async () => {
    const id = randomUUID();
    await rows(`INSERT INTO "Conversation" ("id", "title", "lastSeq") VALUES ($1, 'Imported', 11)`, [id]);
    await rows(ADD_MESSAGES, [id]);
    const reads = watchReads();
    const before = memoryInUse();

    const { opened, refused, msPerOpen } = await openUnread(id, "203.0.113", 17);
    await reads.settled();
    // The spies' records of calls are not the streams'.
    vi.clearAllMocks();
    const grown = memoryInUse() - before;
    console.info(
      `${opened.length} unread streams (${refused.length} refused, ${msPerOpen.toFixed(1)} ms an open): ` +
        `${(reads.textBytes() / MB).toFixed(1)} MB of text read, ${queuedBytes("203.0.113.0/24")} bytes counted queued, ` +
        `heap and array buffers grew ${(grown / MB).toFixed(1)} MB`,
    );
    expect(opened).toHaveLength(384);
    expect(refused).toEqual(Array(24).fill(429));
    expect(queuedBytes("203.0.113.0/24")).toBeLessThanOrEqual(SHARE);
    // Before: the burst was read at once, and each stream queued 0.9 MB of it, 337 MB in all.
    expect(reads.textBytes()).toBe(0);
    expect(grown).toBeLessThan(SHARE + 16 * MB);

    // A client that reads gets the whole burst, each message once.
    const reader = await readAll(opened[0], (changes) => assemble(changes).texts.size >= 11);
    const { texts, repeated } = assemble(reader.changes);
    expect([...texts.values()].every((text) => text === "\n".repeat(45_000))).toBe(true);
    expect(texts.size).toBe(11);
    expect(repeated).toBe(false);
    expect(reader.resynced).toBe(false);

    await Promise.all(opened.slice(1).map((body) => body.cancel()));
    expect(queuedBytes()).toBe(0);
  });

  it("queue at most their network's share of the instance's budget as changes come: the others send resync and end, and a reader elsewhere gets everything", async () => {
    const id = randomUUID();
    await rows(`INSERT INTO "Conversation" ("id") VALUES ($1)`, [id]);
    const reading = readAll((await openEvents(id, "192.0.2.10")).body!, (changes) => assemble(changes).texts.size >= 11);
    const { opened } = await openUnread(id, "198.51.100", 4);
    expect(opened).toHaveLength(96);
    const reads = watchReads();
    const peak = watchPeaks("198.51.100.0/24");
    const before = memoryInUse();

    // 11 messages of 45,000 newlines, announced as turns announce them, while 96 streams read nothing.
    await rows(
      `WITH added AS (${ADD_MESSAGES})
       SELECT pg_notify('chat_events', json_build_object('conversationId', "conversationId", 'messageId', "id", 'kind', 'turn')::text) FROM added`,
      [id],
    );
    await rows(`UPDATE "Conversation" SET "lastSeq" = 11 WHERE "id" = $1`, [id]);
    const { changes, resynced } = await reading;
    await reads.settled();
    vi.clearAllMocks();
    const grown = memoryInUse() - before;
    const queued = queuedBytes("198.51.100.0/24");

    const ends = await Promise.all(opened.map((body) => readAll(body, (changes) => assemble(changes).texts.size >= 11)));
    const resyncedUnread = ends.filter((end) => end.resynced).length;
    console.info(
      `96 unread streams of one /24, 1 MB of changes: at most ${(peak.network / MB).toFixed(2)} MB queued for the network ` +
        `(${(peak.instance / MB).toFixed(2)} MB on the instance), ${(queued / MB).toFixed(2)} MB after, ` +
        `heap and array buffers grew ${(grown / MB).toFixed(1)} MB; ${resyncedUnread} streams sent resync`,
    );
    expect(peak.network).toBeLessThanOrEqual(SHARE);
    expect(peak.instance).toBeLessThanOrEqual(BUDGET);
    // Before: each queued 0.9 MB, 86 MB in all.
    expect(grown).toBeLessThan(SHARE + 16 * MB);
    expect(resyncedUnread).toBeGreaterThanOrEqual(90);

    // The reader, on another network, has each message whole and once, with no resync.
    const { texts, repeated } = assemble(changes);
    expect([...texts.values()].every((text) => text === "\n".repeat(45_000))).toBe(true);
    expect(texts.size).toBe(11);
    expect(repeated).toBe(false);
    expect(resynced).toBe(false);
    expect(queuedBytes()).toBe(0);
  });
});
