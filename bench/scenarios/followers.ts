// Scenario 11: what following a reply that another instance generates costs this instance's database
// connection: 1, 100 and 1,000 streams (GET /api/chat/<id>/stream through the route handler) follow
// one reply while "the other instance" (plain SQL here) appends to it and announces its flush tick every
// 250 ms, as its flusher does. Counted: the statements this instance sends per second while they follow.
import { randomUUID } from "node:crypto";
import { countStatements, metric, runScenario } from "../harness";

const TICK_MS = 250;

await runScenario(async ({ quick, database }) => {
  const [{ GET: resume }, { pool }, { EVENTS_CHANNEL }] = await Promise.all([
    import("../../app/api/chat/[id]/stream/route"),
    import("../../lib/db/client"),
    import("../../lib/db/queries/event-queries"),
  ]);
  const seconds = quick ? 4 : 12;
  const metrics = [];
  for (const followers of [1, 100, 1_000]) {
    const id = randomUUID();
    const replyId = randomUUID();
    await database.query(`INSERT INTO "Conversation" ("id", "lastSeq") VALUES ($1, 2)`, [id]);
    await database.query(`INSERT INTO "Message" ("conversationId", "seq", "role", "content") VALUES ($1, 1, 'user', 'Tell me a story.')`, [
      id,
    ]);
    await database.query(
      `INSERT INTO "Message" ("id", "conversationId", "seq", "role", "content", "status", "generator")
       VALUES ($2, $1, 2, 'assistant', '', 'streaming', 'elsewhere:1')`,
      [id, replyId],
    );
    const streams = Array.from({ length: followers }, async (_, i) => {
      const response = await resume(
        new Request(`http://localhost/api/chat/${id}/stream`, { headers: { "x-forwarded-for": `10.1.${i >> 8}.${i & 255}` } }),
        { params: Promise.resolve({ id }) },
      );
      const reader = response.body?.getReader();
      let bytes = 0;
      for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) bytes += chunk.value.byteLength;
      return bytes;
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const counted = countStatements(pool());
    const started = performance.now();
    for (let tick = 0; performance.now() - started < seconds * 1_000; tick++) {
      await database.query(
        `WITH grown AS (UPDATE "Message" SET "content" = "content" || $2, "updatedAt" = now() WHERE "id" = $1 RETURNING 1)
         SELECT pg_notify($3, $4) FROM grown`,
        [replyId, `word${tick} `, EVENTS_CHANNEL, JSON.stringify({ kind: "flush", instance: "elsewhere:1" })],
      );
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    const elapsed = (performance.now() - started) / 1_000;
    const statements = counted();
    await database.query(
      `WITH ended AS (UPDATE "Message" SET "status" = 'complete', "updatedAt" = now() WHERE "id" = $1 RETURNING 1)
       SELECT pg_notify($2, $3) FROM ended`,
      [replyId, EVENTS_CHANNEL, JSON.stringify({ conversationId: id, messageId: replyId, kind: "end" })],
    );
    const received = await Promise.all(streams);
    const conditions = { followers, seconds: Math.round(elapsed), changesPerSecond: 1_000 / TICK_MS };
    metrics.push(
      metric("11 followers", `statements per second, ${followers} following`, statements / elapsed, "statements/s", conditions),
      metric(
        "11 followers",
        `streams that received the reply, ${followers} following`,
        received.filter((bytes) => bytes > 0).length,
        "streams",
        conditions,
        { op: ">=", value: followers },
      ),
    );
  }
  return metrics;
});
