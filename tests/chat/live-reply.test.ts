import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getConversation } from "@/app/actions/conversations";
import { GET as resume } from "@/app/api/chat/[id]/stream/route";
import { POST as stopRoute } from "@/app/api/conversations/[id]/stop/route";
import { recoverInterrupted, sweepStaleReplies } from "@/lib/conversations/turn/instance";
import { instanceId } from "@/lib/conversations/turn/instance-id";
import { localRun, settleRuns } from "@/lib/conversations/turn/reply-run";
import { EVENTS_CHANNEL } from "@/lib/db/queries/event-queries";
import { appendReplyTexts } from "@/lib/db/queries/message-queries";
import { memoryBufferSchema } from "@/lib/memory/schema";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";

// About 40 ms per token: a reply takes a few seconds, long enough to leave, resume and stop.
const database = setUpAppDatabase({ OFFLINE_MODEL_DELAY_MS: "150" });

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  withClient(database.url(), async (client) => (await client.query(text, params)).rows as T[]);
const reply = async (id: string) =>
  (
    await sql<{ id: string; status: string; content: string }>(
      `SELECT id, status, content FROM "Message" WHERE "conversationId" = $1 AND role = 'assistant' ORDER BY seq DESC LIMIT 1`,
      [id],
    )
  )[0];
const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** Reads a stream until `count` text frames have arrived, then leaves as a closed tab would. */
async function readSomeAndLeave(response: Response, controller: AbortController, count: number): Promise<void> {
  const reader = response.body!.getReader();
  let seen = "";
  while (seen.split('"text-delta"').length <= count) seen += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
  await reader.cancel().catch(() => {});
}

describe("a reply outlives its request", () => {
  it("goes on to the end when the tab closes, and memory includes it", async () => {
    const id = randomUUID();
    const controller = new AbortController();
    await readSomeAndLeave(await postChat(chatBody(id, "Tell me about memory."), { signal: controller.signal }), controller, 3);
    expect((await reply(id)).status).toBe("streaming");
    await settleRuns();
    const final = await reply(id);
    expect(final.status).toBe("complete");
    expect(final.content).toMatch(/^\*\*Offline model\.\*\* .+\.$/);
    const [row] = await sql<{ memoryBuffer: unknown }>(`SELECT "memoryBuffer" FROM "Conversation" WHERE id = $1`, [id]);
    expect(memoryBufferSchema.parse(row.memoryBuffer).short_term_memory.messages.at(-1)?.data.content).toBe(final.content);
  });

  it("is written as it grows, in small appends at most every 250 ms", async () => {
    const id = randomUUID();
    const pending = postChat(chatBody(id, "Count the flushes."));
    await new Promise((resolve) => setTimeout(resolve, 600));
    const partial = await reply(id);
    expect(partial.status).toBe("streaming");
    expect(partial.content.length).toBeGreaterThan(0);
    const run = localRun(partial.id)!;
    await readTurn(await pending);
    const final = await reply(id);
    expect(run.flushedBytes).toBeLessThanOrEqual(Buffer.byteLength(final.content));
    expect(run.flushes).toBeGreaterThan(3);
    console.info(`flushes: ${run.flushes}, bytes: ${run.flushedBytes}, reply: ${Buffer.byteLength(final.content)} bytes`);
  });
});

describe("writing a reply as it grows", () => {
  it("writes each piece at its position, so a piece written twice (a lost acknowledgement) appears once", async () => {
    const id = randomUUID();
    const replyId = randomUUID();
    await sql(`INSERT INTO "Conversation" (id, "lastSeq") VALUES ($1, 1)`, [id]);
    await sql(`INSERT INTO "Message" (id, "conversationId", seq, role, content, status) VALUES ($2, $1, 1, 'assistant', '', 'streaming')`, [
      id,
      replyId,
    ]);
    const append = async (at: number, text: string) => (await appendReplyTexts("test:1", [{ id: replyId, at, text }])).has(replyId);
    expect(await append(0, "Hel")).toBe(true);
    expect(await append(3, "lo 😀")).toBe(true);
    expect(await append(3, "lo 😀")).toBe(true);
    expect(await append(7, "!")).toBe(true);
    expect((await reply(id)).content).toBe("Hello 😀!");
    await sql(`UPDATE "Message" SET status = 'stopped' WHERE id = $1`, [replyId]);
    expect(await append(8, " more")).toBe(false);
    expect((await reply(id)).content).toBe("Hello 😀!");
  });
});

describe("resuming", () => {
  it("replays the reply from its first character and follows it live to the end, once", async () => {
    const id = randomUUID();
    const controller = new AbortController();
    await readSomeAndLeave(await postChat(chatBody(id, "Resume me, please."), { signal: controller.signal }), controller, 3);

    const resumed = await readTurn(await resume(new Request(`http://localhost/api/chat/${id}/stream`), params(id)));
    expect(resumed.status).toBe(200);
    expect(resumed.chunks[0]).toMatchObject({ type: "start", messageId: (await reply(id)).id });
    expect(resumed.chunks.filter((c) => c.type === "start")).toHaveLength(1);
    expect(resumed.chunks.at(-1)).toEqual({ type: "finish" });
    await settleRuns();
    expect(resumed.text).toBe((await reply(id)).content);

    const idle = await resume(new Request(`http://localhost/api/chat/${id}/stream`), params(id));
    expect(idle.status).toBe(204);
  });

  it("follows a reply another instance generates, through the database and NOTIFY", async () => {
    const id = randomUUID();
    const messageId = randomUUID();
    await sql(`INSERT INTO "Conversation" (id, "lastSeq") VALUES ($1, 2)`, [id]);
    await sql(`INSERT INTO "Message" ("conversationId", seq, role, content) VALUES ($1, 1, 'user', 'hi')`, [id]);
    await sql(
      `INSERT INTO "Message" (id, "conversationId", seq, role, content, status, generator) VALUES ($2, $1, 2, 'assistant', 'Hel', 'streaming', 'elsewhere:1')`,
      [id, messageId],
    );
    const following = resume(new Request(`http://localhost/api/chat/${id}/stream`), params(id)).then(readTurn);
    for (const [content, status] of [
      ["Hello", "streaming"],
      ["Hello, wor", "streaming"],
      ["Hello, world.", "complete"],
    ] as const) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await sql(`UPDATE "Message" SET content = $2, status = $3, "updatedAt" = now() WHERE id = $1`, [messageId, content, status]);
      // What the generating instance's own statements announce: a flush tick of all its replies, or this one's end.
      const event = status === "complete" ? { conversationId: id, messageId, kind: "end" } : { kind: "flush", instance: "elsewhere:1" };
      await sql(`SELECT pg_notify($1, $2)`, [EVENTS_CHANNEL, JSON.stringify(event)]);
    }
    const result = await following;
    expect(result.text).toBe("Hello, world.");
    expect(result.chunks.filter((c) => c.type === "text-delta").map((c) => (c as { delta: string }).delta)).toEqual([
      "Hel",
      "lo",
      ", wor",
      "ld.",
    ]);
  });
});

describe("Stop", () => {
  it("ends generation, keeps the partial reply as stopped, and memory includes it", async () => {
    const id = randomUUID();
    const streaming = postChat(chatBody(id, "A long answer, please.")).then(readTurn);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // As a server hands it over: a body that is there but empty, with no Content-Length (curl -X POST, say).
    const empty = new ReadableStream({ start: (controller) => controller.close() });
    const response = await stopRoute(
      new Request(`http://localhost/api/conversations/${id}/stop`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: empty,
        duplex: "half",
      } as RequestInit),
      params(id),
    );
    expect(await response.json()).toEqual({ stopped: [(await reply(id)).id] });
    const result = await streaming;
    expect(result.chunks.at(-1)).toEqual({ type: "finish" });
    await settleRuns();
    const final = await reply(id);
    expect(final.status).toBe("stopped");
    expect(final.content).toBe(result.text);
    expect(final.content).not.toContain("OPENAI_API_KEY");
    const [row] = await sql<{ memoryBuffer: unknown }>(`SELECT "memoryBuffer" FROM "Conversation" WHERE id = $1`, [id]);
    expect(memoryBufferSchema.parse(row.memoryBuffer).short_term_memory.messages.at(-1)?.data.content).toBe(final.content);
    const json = { "content-type": "application/json" };
    expect((await stopRoute(new Request("http://x", { method: "POST", headers: json }), params("nope"))).status).toBe(400);
  });

  it("with a reply named, stops that one alone: another tab's reply in the conversation goes on", async () => {
    const id = randomUUID();
    const elsewhere = randomUUID();
    const first = postChat(chatBody(id, "A long answer, please.")).then(readTurn);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = postChat(chatBody(id, "And another long one.")).then(readTurn);
    const third = postChat(chatBody(elsewhere, "A long one somewhere else.")).then(readTurn);
    const streaming = async (conversation: string) =>
      sql<{ id: string }>(
        `SELECT id FROM "Message" WHERE "conversationId" = $1 AND role = 'assistant' AND status = 'streaming' ORDER BY seq`,
        [conversation],
      );
    await expect.poll(async () => (await streaming(id)).length + (await streaming(elsewhere)).length).toBe(3);
    const [mine, theirs] = (await streaming(id)).map((row) => row.id);
    const [another] = (await streaming(elsewhere)).map((row) => row.id);
    const stop = (body: string) =>
      stopRoute(
        new Request(`http://localhost/api/conversations/${id}/stop`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        }),
        params(id),
      );

    for (const bad of ['{"reply":"nope"}', `{"reply":"${mine}","all":true}`, "[]", "not json"]) expect((await stop(bad)).status).toBe(400);
    expect((await stop(JSON.stringify({ reply: "x".repeat(300) }))).status).toBe(413);
    expect(await (await stop(JSON.stringify({ reply: randomUUID() }))).json()).toEqual({ stopped: [] });
    // A reply of another conversation is not this conversation's to stop.
    expect(await (await stop(JSON.stringify({ reply: another }))).json()).toEqual({ stopped: [] });
    expect(await (await stop(JSON.stringify({ reply: mine }))).json()).toEqual({ stopped: [mine] });

    await Promise.all([first, second, third]);
    await settleRuns();
    const rows = await sql<{ id: string; status: string }>(`SELECT id, status FROM "Message" WHERE id = ANY($1::uuid[])`, [
      [mine, theirs, another],
    ]);
    expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({
      [mine]: "stopped",
      [theirs]: "complete",
      [another]: "complete",
    });
  });
});

describe("after a crash", () => {
  it("marks replies left streaming as interrupted: this instance's at start-up, others' once stale", async () => {
    const id = randomUUID();
    await sql(`INSERT INTO "Conversation" (id, "lastSeq") VALUES ($1, 6)`, [id]);
    const insert = (seq: number, generator: string, age: string) =>
      sql(
        `INSERT INTO "Message" ("conversationId", seq, role, content, status, generator, "updatedAt")
         VALUES ($1, $2, 'assistant', 'partial', 'streaming', $3, now() - $4::interval)`,
        [id, seq, generator, age],
      );
    await insert(2, instanceId(), "1 second");
    await insert(4, "other:1", "1 minute");
    await insert(6, "other:2", "1 second");
    expect(await recoverInterrupted()).toBeGreaterThanOrEqual(2);
    const page = await getConversation({ id });
    expect(page.ok && page.data.messages.map((m) => [m.seq, m.status, m.content])).toEqual([
      [2, "interrupted", "partial"],
      [4, "interrupted", "partial"],
      [6, "streaming", "partial"],
    ]);
  });

  it("sweeps, every little while, replies that went stale without anyone opening their conversation", async () => {
    const id = randomUUID();
    await sql(`INSERT INTO "Conversation" (id, "lastSeq") VALUES ($1, 4)`, [id]);
    const insert = (seq: number, generator: string, age: string) =>
      sql(
        `INSERT INTO "Message" ("conversationId", seq, role, content, status, generator, "updatedAt")
         VALUES ($1, $2, 'assistant', 'partial', 'streaming', $3, now() - $4::interval)`,
        [id, seq, generator, age],
      );
    // An instance that came back under another port left this one; this instance's own is fresh.
    await insert(2, "gone:3000", "1 minute");
    await insert(4, instanceId(), "1 second");
    sweepStaleReplies(50);
    await expect
      .poll(async () =>
        (
          await sql<{ seq: number; status: string }>(`SELECT seq, status FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`, [id])
        ).map((m) => [m.seq, m.status]),
      )
      .toEqual([
        [2, "interrupted"],
        [4, "streaming"],
      ]);
  });
});
