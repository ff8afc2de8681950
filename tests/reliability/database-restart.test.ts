import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { watchConversation } from "@/lib/conversations/live-feed";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import { type RunningDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrations/runner";
import { memoryBufferSchema } from "@/lib/memory/schema";
import { sendTurn, type TurnResult } from "../support/chat";
import { withClient } from "../support/database";
import { removeTemporaryDirectories, temporaryDirectory } from "../support/temp-dir";

// Its own PostgreSQL, because this test stops and restarts it under load.
const parent = temporaryDirectory("memory-chat-restart-");
const options = { dataDir: path.join(parent, "pg"), port: 56200, database: "app" };
let server: RunningDatabase;

beforeAll(async () => {
  server = await startEmbeddedPostgres(options);
  await migrate({ databaseUrl: server.url });
  Object.assign(process.env, { DATABASE_URL: server.url, OFFLINE_MODEL_DELAY_MS: "2" });
});
afterAll(async () => {
  await server.stop();
  removeTemporaryDirectories();
});

interface Sample {
  at: number;
  ms: number;
  result: TurnResult | { status: number; error: { code: string } };
}

it("fails requests fast with 503 while PostgreSQL is down, recovers without a restart, and leaves no half-written turn", async () => {
  const conversations = Array.from({ length: 8 }, () => randomUUID());
  const samples: Sample[] = [];
  let running = true;
  const started = Date.now();
  const worker = async (id: string) => {
    for (let i = 0; running; i++) {
      const at = Date.now();
      const result = await sendTurn(id, `turn ${i} under load`).catch(() => ({ status: 0, error: { code: "THROWN" } }));
      samples.push({ at: at - started, ms: Date.now() - at, result });
      if (result.error) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const load = Promise.all(conversations.map(worker));

  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const downAt = Date.now() - started;
  await server.stop();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  server = await startEmbeddedPostgres(options);
  const upAt = Date.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  running = false;
  await load;
  await settleRuns();

  const during = samples.filter((s) => s.at > downAt + 200 && s.at + s.ms < upAt - 200);
  expect(during.length).toBeGreaterThan(0);
  for (const sample of during) {
    expect(sample.result.error?.code).toBe("DATABASE_UNAVAILABLE");
    expect(sample.ms).toBeLessThan(6_000);
  }
  expect(during.filter((s) => s.result.status === 503).length).toBeGreaterThan(0);
  const after = samples.filter((s) => s.at > upAt + 1_000);
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((s) => s.result.status === 200 && !s.result.error)).toBe(true);
  expect(samples.some((s) => s.result.error?.code === "THROWN" || s.result.error?.code === "INTERNAL")).toBe(false);

  await withClient(server.url, async (client) => {
    const orphans = await client.query(
      `SELECT u.id FROM "Message" u
       LEFT JOIN "Message" a ON a."conversationId" = u."conversationId" AND a.seq = u.seq + 1 AND a.role = 'assistant'
       WHERE u.role = 'user' AND u."conversationId" = ANY($1) AND a.id IS NULL`,
      [conversations],
    );
    expect(orphans.rows).toEqual([]);
    const unfinished = await client.query(
      `SELECT count(*)::int AS n FROM "Message" WHERE "conversationId" = ANY($1) AND status = 'streaming'`,
      [conversations],
    );
    expect(unfinished.rows[0].n).toBe(0);
    const { rows } = await client.query(`SELECT "memoryBuffer" FROM "Conversation" WHERE id = ANY($1)`, [conversations]);
    for (const row of rows) expect(memoryBufferSchema.safeParse(row.memoryBuffer).success).toBe(true);
  });
  console.info(
    `restart under load: ${samples.length} turns, ${during.length} during the outage, all failed fast with DATABASE_UNAVAILABLE`,
  );
}, 120_000);

it("hears other instances' changes again after PostgreSQL restarts, and says that some may have been missed", async () => {
  const id = randomUUID();
  const seen = new Set<string>();
  /** The positions of replies heard complete. */
  const replies = new Set<number>();
  let resyncs = 0;
  const unwatch = watchConversation(id, {
    changed: (rows) => {
      for (const row of rows) {
        seen.add(`${row.role}:${row.content}:${row.status}`);
        if (row.role === "assistant" && row.status === "complete") replies.add(row.seq);
      }
    },
    resync: () => resyncs++,
  });
  try {
    await sendTurn(id, "before the restart");
    await expect.poll(() => seen.has("user:before the restart:complete"), { timeout: 10_000 }).toBe(true);

    const before = resyncs;
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    server = await startEmbeddedPostgres(options);
    await expect.poll(() => resyncs, { timeout: 15_000 }).toBeGreaterThan(before);

    await sendTurn(id, "after the restart");
    await expect.poll(() => seen.has("user:after the restart:complete"), { timeout: 10_000 }).toBe(true);
    // The reply to it (#4), written after the restart, is heard complete too.
    await expect.poll(() => replies.has(4), { timeout: 10_000 }).toBe(true);
  } finally {
    unwatch();
  }
});
