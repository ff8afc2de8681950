import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import { pool } from "@/lib/db/client";
import { EVENTS_CHANNEL } from "@/lib/db/queries/event-queries";
import { appendReplyTexts } from "@/lib/db/queries/message-queries";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";

// About 40 ms per token: replies stream for a few seconds, over many flush ticks.
const database = setUpAppDatabase({ OFFLINE_MODEL_DELAY_MS: "150" });
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  withClient(database.url(), async (client) => (await client.query(text, params)).rows as T[]);

/** Every announcement on the events channel while `work` runs. */
async function announcements<T>(work: () => Promise<T>): Promise<[Record<string, unknown>[], T]> {
  const client = new pg.Client({ connectionString: database.url() });
  await client.connect();
  const heard: Record<string, unknown>[] = [];
  client.on("notification", (message) => heard.push(JSON.parse(message.payload ?? "null")));
  await client.query(`LISTEN ${EVENTS_CHANNEL}`);
  try {
    const result = await work();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return [heard, result];
  } finally {
    await client.end();
  }
}

async function streamingReply(content = ""): Promise<{ conversationId: string; replyId: string }> {
  const conversationId = randomUUID();
  const replyId = randomUUID();
  await sql(`INSERT INTO "Conversation" (id, "lastSeq") VALUES ($1, 1)`, [conversationId]);
  await sql(
    `INSERT INTO "Message" (id, "conversationId", seq, role, content, status, "updatedAt")
     VALUES ($2, $1, 1, 'assistant', $3, 'streaming', now() - interval '1 minute')`,
    [conversationId, replyId, content],
  );
  return { conversationId, replyId };
}

describe("flushing every streaming reply of an instance together", () => {
  it("writes all of them in one statement per tick, announced once per tick", async () => {
    const REPLIES = 12;
    const query = vi.spyOn(pool(), "query");
    const flushes = () =>
      query.mock.calls
        .map(([config]) => config as { name?: string; values?: unknown[] })
        .filter((config) => config.name === "append_reply_texts")
        .map((config) => JSON.parse(String(config.values?.[0])) as { id: string; text: string }[]);
    try {
      const ids: string[] = Array.from({ length: REPLIES }, () => randomUUID());
      // What the database holds while they stream, sampled: each must be the start of the final text.
      const partial: { conversationId: string; content: string }[] = [];
      const [heard, results] = await announcements(async () => {
        const started = performance.now();
        let streaming = true;
        const sampling = (async () => {
          while (streaming) {
            partial.push(
              ...(await sql<{ conversationId: string; content: string }>(
                `SELECT "conversationId", content FROM "Message" WHERE "conversationId" = ANY($1) AND status = 'streaming'`,
                [ids],
              )),
            );
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        })();
        const turns = await Promise.all(
          ids.map((id, i) =>
            // Characters outside the BMP: positions are counted in characters, as PostgreSQL does, not UTF-16 units.
            postChat(chatBody(id, `Reply number ${i} 😀🎉, please, at some length 🧭.`), {
              headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
            }).then(readTurn),
          ),
        );
        await settleRuns();
        streaming = false;
        await sampling;
        return { turns, seconds: (performance.now() - started) / 1000 };
      });
      const ticks = flushes();
      const grown = heard.filter((event) => event.kind === "flush");
      expect(results.turns.every((turn) => turn.status === 200 && turn.text.length > 0)).toBe(true);
      // Statements follow the clock, not the number of replies: one per 250 ms tick at most.
      expect(ticks.length).toBeGreaterThan(2);
      expect(ticks.length).toBeLessThanOrEqual(Math.ceil((results.seconds * 1000) / 250) + 1);
      expect(Math.max(...ticks.map((tick) => tick.length))).toBe(REPLIES);
      // One announcement per statement that wrote text, naming this instance; none per reply.
      expect(grown.length).toBeGreaterThan(0);
      expect(grown.length).toBeLessThanOrEqual(ticks.length);
      expect(heard.filter((event) => event.kind === "delta")).toEqual([]);
      // Every reply ended stored whole, whatever its flushes held.
      const stored = await sql<{ content: string; status: string }>(
        `SELECT content, status FROM "Message" WHERE role = 'assistant' AND "conversationId" IN
           (SELECT "conversationId" FROM "Message" WHERE role = 'user' AND content LIKE 'Reply number %')`,
      );
      expect(stored).toHaveLength(REPLIES);
      expect(stored.every((row) => row.status === "complete" && results.turns.some((turn) => turn.text === row.content))).toBe(true);
      const final = new Map(ids.map((id, i) => [id, results.turns[i].text]));
      // Positions outside the BMP are covered where pieces are written (live-reply.test.ts); here, many partial texts were seen.
      expect(partial.filter((row) => row.content.length > 0).length).toBeGreaterThan(REPLIES);
      expect(partial.filter((row) => !final.get(row.conversationId)?.startsWith(row.content))).toEqual([]);
    } finally {
      query.mockRestore();
    }
  });

  it("reports the replies stopped meanwhile, writes the others, and announces only growth", async () => {
    const a = await streamingReply("Hel");
    const b = await streamingReply("Goo");
    await sql(`UPDATE "Message" SET status = 'stopped' WHERE id = $1`, [b.replyId]);

    const [heard, streaming] = await announcements(() =>
      appendReplyTexts("here:1", [
        { id: a.replyId, at: 3, text: "lo" },
        { id: b.replyId, at: 3, text: "d day" },
        { id: randomUUID(), at: 0, text: "nobody" },
      ]),
    );
    expect([...streaming]).toEqual([a.replyId]);
    expect(heard).toEqual([{ kind: "flush", instance: "here:1" }]);
    const rows = await sql<{ id: string; content: string }>(`SELECT id, content FROM "Message" WHERE id = ANY($1) ORDER BY content`, [
      [a.replyId, b.replyId],
    ]);
    expect(rows).toEqual([
      { id: b.replyId, content: "Goo" },
      { id: a.replyId, content: "Hello" },
    ]);

    // A heartbeat only says the reply is alive: its text is unchanged and nothing is announced.
    await sql(`UPDATE "Message" SET "updatedAt" = now() - interval '1 minute' WHERE id = $1`, [a.replyId]);
    const [quiet] = await announcements(() => appendReplyTexts("here:1", [{ id: a.replyId, at: 5, text: "" }]));
    expect(quiet).toEqual([]);
    const [row] = await sql<{ content: string; fresh: boolean }>(
      `SELECT content, "updatedAt" > now() - interval '5 seconds' AS fresh FROM "Message" WHERE id = $1`,
      [a.replyId],
    );
    expect(row).toEqual({ content: "Hello", fresh: true });
  });
});
