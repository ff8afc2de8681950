// Scenario 1: the project's per-turn persistence (user message, reply, memoryBuffer) against the
// floor: the same rows written with raw pg in one transaction, with prepared statements as the app uses.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { appModules, median, metric, runScenario, timed } from "../harness";

await runScenario(async ({ quick, database }) => {
  const { beginTurn, finishTurn, foldWindow, chatModel, memoryLimits, extractOffline } = await appModules();
  const turns = quick ? 300 : 1500;
  const warmup = 30;
  const reply = "Here is a reply of typical length. ".repeat(8);
  const ours = randomUUID();
  const floorId = randomUUID();
  const floor = new pg.Client({ connectionString: database.url });
  await floor.connect();
  await floor.query(`INSERT INTO "Conversation" (id) VALUES ($1)`, [floorId]);

  const ourTimes: number[] = [];
  const floorTimes: number[] = [];
  let memoryJson = "null";
  for (let i = 0; i < turns + warmup; i++) {
    const text = `Question ${i}: how does plan ${i % 7} compare for a team of ${i % 50} people?`;
    const [ourMs, memory] = await timed(async () => {
      const turn = await beginTurn(ours, randomUUID(), text);
      return finishTurn(turn, { text: reply, status: "complete", extraction: extractOffline(text) }, memoryLimits().maxBytes);
    });
    memoryJson = JSON.stringify(memory);
    const [floorMs] = await timed(async () => {
      await floor.query("BEGIN");
      await floor.query({
        name: "floor_user",
        text: `INSERT INTO "Message" ("conversationId", seq, role, content, status) VALUES ($1, $2, 'user', $3, 'complete')`,
        values: [floorId, 2 * i + 1, text],
      });
      await floor.query({
        name: "floor_reply",
        text: `INSERT INTO "Message" ("conversationId", seq, role, content, status) VALUES ($1, $2, 'assistant', $3, 'complete')`,
        values: [floorId, 2 * i + 2, reply],
      });
      await floor.query({
        name: "floor_memory",
        text: `UPDATE "Conversation" SET "memoryBuffer" = $2::jsonb, "lastSeq" = $3, "memoryVersion" = "memoryVersion" + 1 WHERE id = $1`,
        values: [floorId, memoryJson, 2 * i + 2],
      });
      await floor.query("COMMIT");
    });
    // Summarization runs after a turn, off its path; run it here untimed so memory stays realistic.
    await foldWindow(ours, chatModel(), memoryLimits(), "bench");
    if (i >= warmup) {
      ourTimes.push(ourMs);
      floorTimes.push(floorMs);
    }
  }
  await floor.end();
  const conditions = { turns, memoryBytes: memoryJson.length, replyChars: reply.length, interleaved: true };
  const ourMedian = median(ourTimes);
  const floorMedian = median(floorTimes);
  return [
    metric("1 turn cost", "project turn persistence, median", ourMedian, "ms", conditions),
    metric("1 turn cost", "raw pg floor (one transaction), median", floorMedian, "ms", conditions),
    metric("1 turn cost", "project / floor", ourMedian / floorMedian, "x", conditions, { op: "<=", value: 1.5 }),
    metric("1 turn cost", "floor throughput, one connection", 1000 / floorMedian, "turns/s", conditions),
  ];
});
