import { randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { pipeToNodeResponse } from "next/dist/server/pipe-readable";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as followRoute } from "@/app/api/chat/[id]/stream/route";
import { GET as eventsRoute } from "@/app/api/conversations/[id]/events/route";
import { GET as exportRoute } from "@/app/api/conversations/[id]/export/route";
import { POST as stopRoute } from "@/app/api/conversations/[id]/stop/route";
import { localRun } from "@/lib/conversations/turn/reply-run";
import { pool } from "@/lib/db/client";
import { trackOpenResponses } from "@/lib/http/open-responses";
import { openStreamCount } from "@/lib/limits/open-streams";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";

// A client that stops reading: what each stream reads and holds for it, and when it is let go. The
// idle time is shortened from 30 s; replies come a word every 50 ms, so one is still being written.
const IDLE_MS = 2_000;
const database = setUpAppDatabase({ STREAM_IDLE_MS: String(IDLE_MS), OFFLINE_MODEL_DELAY_MS: "50" });

const MB = 1_048_576;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const context = (id: string) => ({ params: Promise.resolve({ id }) });
const rows = (sql: string, values: unknown[] = []) => withClient(database.url(), async (client) => (await client.query(sql, values)).rows);

/** A conversation of `count` messages of `chars` characters each, stored as an import would. */
async function storeConversation(count: number, chars: number): Promise<string> {
  const id = randomUUID();
  await rows(`INSERT INTO "Conversation" ("id", "title", "lastSeq") VALUES ($1, 'Large', $2)`, [id, count]);
  await rows(
    `INSERT INTO "Message" ("conversationId", "seq", "role", "content")
     SELECT $1, n, (CASE WHEN n % 2 = 1 THEN 'user' ELSE 'assistant' END)::"MessageRole", repeat('x', $3) FROM generate_series(1, $2) n`,
    [id, count, chars],
  );
  return id;
}

/** Observes the app's statements (they run as they would): bytes of message text each named one returned, and how many rows. */
function watchQueries() {
  const db = pool();
  const real = db.query.bind(db) as (...args: unknown[]) => Promise<{ rows?: { content?: string }[] }>;
  const text = new Map<string, number>();
  const count = new Map<string, number>();
  let last = Date.now();
  vi.spyOn(db, "query").mockImplementation((async (...args: unknown[]) => {
    const result = await real(...args);
    const name = (args[0] as { name?: string }).name ?? "";
    for (const row of result.rows ?? []) text.set(name, (text.get(name) ?? 0) + Buffer.byteLength(row.content ?? ""));
    count.set(name, (count.get(name) ?? 0) + (result.rows?.length ?? 0));
    last = Date.now();
    return result;
  }) as never);
  return {
    textBytes: (name: string) => text.get(name) ?? 0,
    rows: (name: string) => count.get(name) ?? 0,
    /** Resolves once no statement has returned for `ms`. */
    settled: async (ms = 500) => {
      while (Date.now() - last < ms) await sleep(50);
    },
  };
}

/** Connections the pool has lent out right now. */
const connectionsHeld = () => pool().totalCount - pool().idleCount;

afterEach(() => vi.restoreAllMocks());

describe("an export whose client stops reading", () => {
  it("reads at most 1 MB ahead of what was taken, holds no connection meanwhile, and ends once nothing is read for the idle time", async () => {
    // 10 MB: one batch of 200 messages would have been all of it.
    const id = await storeConversation(100, 100_000);
    const queries = watchQueries();
    const response = await exportRoute(new Request(`http://localhost/api/conversations/${id}/export?format=json`), context(id));
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let taken = 0;
    for (let i = 0; i < 2; i++) taken += (await reader.read()).value!.byteLength;
    await queries.settled();

    const read = queries.textBytes("select_messages_after");
    console.info(`export, two chunks taken (${taken} bytes): ${read} bytes of text read from the database`);
    expect(read).toBeGreaterThan(0);
    expect(taken).toBeLessThanOrEqual(2 * 65_536);
    expect(read).toBeLessThanOrEqual(MB);
    expect(connectionsHeld()).toBe(0);

    await sleep(IDLE_MS + 500);
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    await sleep(300);
    expect(queries.textBytes("select_messages_after")).toBe(read);
  });

  it("through Next.js's own pipe to a socket that is never read: at most 1 MB waits in the process, and the socket is closed after the idle time", async () => {
    const id = await storeConversation(100, 100_000);
    const queries = watchQueries();
    let served: http.ServerResponse | undefined;
    let closed: Promise<number> = new Promise(() => {});
    let piped: Promise<unknown> = Promise.resolve();
    // As at start-up (instrumentation.ts), then the standalone server's path for a route's body:
    // the request's headers into a web Request, and sendResponse → pipeToNodeResponse.
    trackOpenResponses();
    const server = http.createServer((request, res) => {
      served = res;
      closed = new Promise((resolve) => res.socket!.once("close", () => resolve(Date.now())));
      piped = (async () => {
        const headers = new Headers(Object.entries(request.headers).map(([name, value]): [string, string] => [name, String(value)]));
        const response = await exportRoute(new Request(`http://localhost${request.url}`, { headers }), context(id));
        res.statusCode = response.status;
        await pipeToNodeResponse(response.body!, res);
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const socket = net.connect(port, "127.0.0.1");
    socket.on("error", () => {});
    socket.write(`GET /api/conversations/${id}/export?format=json HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    // The client reads nothing: what the kernel's buffers take (a few MB on loopback) and what waits here.
    socket.pause();
    await sleep(300);
    await queries.settled();
    const started = Date.now();

    const waiting = served!.writableLength;
    console.info(
      `export to a socket never read: ${queries.textBytes("select_messages_after")} bytes of text read, ${waiting} bytes waiting in Node's buffer`,
    );
    expect(waiting).toBeLessThanOrEqual(MB);
    expect(connectionsHeld()).toBe(0);

    const closedAt = await Promise.race([closed, sleep(IDLE_MS + 3_000).then(() => null)]);
    expect(closedAt).not.toBeNull();
    expect(closedAt! - started).toBeLessThan(IDLE_MS + 1_500);
    // Ended as an abort: Next.js logs nothing for it.
    await expect(piped).resolves.toBeUndefined();
    socket.destroy();
    server.close();
  });
});

/** An events stream opened as a tab opens it, from `client`. */
const openEvents = (id: string, client: string) =>
  eventsRoute(
    new Request(`http://localhost/api/conversations/${id}/events?after=0`, { headers: { "x-forwarded-for": client } }),
    context(id),
  );

/** Reads until the text so far satisfies `enough`. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, enough: (text: string) => boolean): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  while (!enough(text)) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

/** What a reader has queued for it now: chunks that arrive within `ms` of asking. */
async function readQueued(reader: ReadableStreamDefaultReader<Uint8Array>, ms = 100): Promise<{ text: string; done: boolean }> {
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const chunk = await Promise.race([reader.read(), sleep(ms).then(() => null)]);
    if (!chunk) return { text, done: false };
    if (chunk.done) return { text, done: true };
    text += decoder.decode(chunk.value, { stream: true });
  }
}

describe("an events stream whose client stops reading", () => {
  it("queues at most 1 MB: past it, it sends resync and ends, so the browser connects again", async () => {
    const id = randomUUID();
    await rows(`INSERT INTO "Conversation" ("id") VALUES ($1)`, [id]);
    const queries = watchQueries();
    const response = await openEvents(id, "198.51.100.30");
    const reader = response.body!.getReader();
    await queries.settled(200);
    // 1.2 MB of changes, announced as turns announce them, while the tab reads nothing.
    await rows(
      `WITH added AS (
         INSERT INTO "Message" ("conversationId", "seq", "role", "content")
         SELECT $1, n, 'user', repeat('y', 100000) FROM generate_series(1, 12) n RETURNING "id", "conversationId"
       ) SELECT pg_notify('chat_events', json_build_object('conversationId', "conversationId", 'messageId', "id", 'kind', 'turn')::text) FROM added`,
      [id],
    );
    await rows(`UPDATE "Conversation" SET "lastSeq" = 12 WHERE "id" = $1`, [id]);
    while (queries.rows("select_messages_by_id") < 12) await sleep(50);
    await sleep(100);

    const { text, done } = await readQueued(reader);
    const bytes = Buffer.byteLength(text);
    console.info(`events stream never read: ${bytes} bytes were queued for it of 1.2 MB of changes`);
    expect(bytes).toBeLessThanOrEqual(MB);
    expect(text.endsWith("event: resync\ndata: {}\n\n")).toBe(true);
    expect(done).toBe(true);
    expect(openStreamCount("198.51.100.30")).toBe(0);
  });

  it("ends, and frees its place, once its client reads nothing for the idle time", async () => {
    const id = randomUUID();
    const client = "198.51.100.31";
    const response = await openEvents(id, client);
    expect(openStreamCount(client)).toBe(1);
    await sleep(IDLE_MS + 500);
    await expect(response.body!.getReader().read()).rejects.toMatchObject({ name: "AbortError" });
    expect(openStreamCount(client)).toBe(0);
  });
});

describe("a followed reply whose client stops reading", () => {
  /** A reply being written on this instance, word by word, and its conversation. */
  async function replyInProgress(): Promise<{ id: string; turn: Promise<unknown> }> {
    const id = randomUUID();
    const turn = postChat(chatBody(id, Array.from({ length: 150 }, (_, i) => `w${i}`).join(" "))).then(readTurn);
    for (let i = 0; i < 100; i++) {
      const [reply] = await rows(`SELECT "id" FROM "Message" WHERE "conversationId" = $1 AND "status" = 'streaming'`, [id]);
      if (reply && localRun(reply.id)) return { id, turn };
      await sleep(20);
    }
    throw new Error("no reply in progress");
  }
  const follow = (id: string, client: string) =>
    followRoute(new Request(`http://localhost/api/chat/${id}/stream`, { headers: { "x-forwarded-for": client } }), context(id));
  const stop = (id: string) =>
    stopRoute(
      new Request(`http://localhost/api/conversations/${id}/stop`, { method: "POST", headers: { "content-type": "application/json" } }),
      context(id),
    );

  it("has nothing queued for it while it does not read: what it missed comes as one piece of text when it reads again", async () => {
    const { id, turn } = await replyInProgress();
    const response = await follow(id, "198.51.100.40");
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    await readUntil(reader, (text) => text.includes('"type":"text-delta"'));

    // 1.5 s of words (about 30) written while the client reads nothing.
    await sleep(1_500);
    const missed = (await readQueued(reader, 20)).text.split("\n\n").filter((event) => event.includes('"type":"text-delta"'));
    console.info(`followed reply: ${missed.length} text-delta events were waiting after 1.5 s unread`);
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.length).toBeLessThanOrEqual(5);
    await stop(id);
    await turn;
  });

  it("ends, and frees its place, once its client reads nothing for the idle time", async () => {
    const { id, turn } = await replyInProgress();
    const client = "198.51.100.41";
    const response = await follow(id, client);
    const reader = response.body!.getReader();
    await readUntil(reader, (text) => text.includes('"type":"text-delta"'));
    expect(openStreamCount(client)).toBe(1);
    await sleep(IDLE_MS + 500);
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    expect(openStreamCount(client)).toBe(0);
    await stop(id);
    await turn;
  });
});
