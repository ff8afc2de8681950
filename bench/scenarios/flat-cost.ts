// Scenario 4: the cost of loading the latest page and of a turn, in a conversation of 20 messages and
// in one of 2,000; and the size of memoryBuffer after 1,000 turns.
import { randomUUID } from "node:crypto";
import { median, metric, runScenario, timed } from "../harness";

await runScenario(async ({ quick, database }) => {
  const { startChatTurn } = await import("../../lib/conversations/turn/chat-turn");
  const { settleAfterTurn } = await import("../../lib/conversations/turn/after-turn");
  const { getConversationPage } = await import("../../lib/conversations/read");
  const { chatModel } = await import("../../lib/ai/model");
  const { memoryLimits } = await import("../../lib/env");
  const { byteSize } = await import("../../lib/memory/cap");
  const { memoryBufferSchema } = await import("../../lib/memory/schema");

  const turn = async (id: string, text: string) => {
    const stream = await startChatTurn(
      { conversationId: id, userMessageId: randomUUID(), text, model: null, fork: null },
      { signal: new AbortController().signal, client: "bench", handle: chatModel(), limits: memoryLimits() },
    );
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (read.value.type === "error") throw new Error(read.value.errorText);
    }
  };
  const question = (i: number) => `Question ${i}: my team has ${i % 40} people; what would plan ${i % 5} cost us per month?`;

  // The long conversation is built by 1,000 real turns, which also yields the memory-size figure.
  const long = randomUUID();
  for (let i = 0; i < 1000; i++) {
    await turn(long, question(i));
    await settleAfterTurn();
  }
  const [memoryRow] = await database.query<{ memory: unknown }>(`SELECT "memoryBuffer" AS memory FROM "Conversation" WHERE id = $1`, [
    long,
  ]);
  const memoryBytes = byteSize(memoryBufferSchema.parse(memoryRow.memory));

  // Short conversations: one of 10 turns, cloned so every measured turn starts at 20 messages.
  const template = randomUUID();
  for (let i = 0; i < 10; i++) await turn(template, question(i));
  await settleAfterTurn();
  const samples = quick ? 60 : 200;
  const shorts = Array.from({ length: samples }, () => randomUUID());
  for (const id of shorts) {
    await database.query(
      `INSERT INTO "Conversation" (id, title, "memoryBuffer", "memoryVersion", "lastSeq")
       SELECT $2, title, "memoryBuffer", "memoryVersion", "lastSeq" FROM "Conversation" WHERE id = $1`,
      [template, id],
    );
    await database.query(
      `INSERT INTO "Message" ("conversationId", seq, role, content, status)
       SELECT $2, seq, role, content, status FROM "Message" WHERE "conversationId" = $1`,
      [template, id],
    );
  }
  // The state autovacuum keeps a live table in: dead row versions from reply updates reclaimed.
  await database.query(`VACUUM ANALYZE "Message", "Conversation"`);
  const pageBytes = async (id: string) =>
    (
      await database.query<{ bytes: number }>(
        `SELECT sum(octet_length(content))::int AS bytes FROM (SELECT content FROM "Message" WHERE "conversationId" = $1 ORDER BY seq DESC LIMIT 50) m`,
        [id],
      )
    )[0].bytes;
  const [shortBytes, longBytes] = [await pageBytes(shorts[0]), await pageBytes(long)];
  const [{ count }] = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM "Message" WHERE "conversationId" = $1`, [
    long,
  ]);

  const load = { short: [] as number[], long: [] as number[] };
  const turns = { short: [] as number[], long: [] as number[] };
  for (let i = 0; i < samples; i++) {
    load.short.push((await timed(() => getConversationPage(shorts[i], undefined, 50)))[0]);
    load.long.push((await timed(() => getConversationPage(long, undefined, 50)))[0]);
    turns.short.push((await timed(() => turn(shorts[i], question(i))))[0]);
    turns.long.push((await timed(() => turn(long, question(i))))[0]);
    await settleAfterTurn();
  }
  const conditions = {
    samples,
    shortMessages: 20,
    longMessages: count,
    page: 50,
    shortPageBytes: shortBytes,
    longPageBytes: longBytes,
    model: "offline, 0 ms per token",
  };
  const ratio = (pair: { short: number[]; long: number[] }) => median(pair.long) / median(pair.short);
  return [
    metric("4 flat cost", "load latest page, 20 messages", median(load.short), "ms", conditions),
    metric("4 flat cost", "load latest page, 2,000 messages", median(load.long), "ms", conditions),
    metric("4 flat cost", "page load ratio 2,000 / 20", ratio(load), "x", conditions, { op: "<=", value: 1.3 }),
    metric("4 flat cost", "turn, 20 messages", median(turns.short), "ms", conditions),
    metric("4 flat cost", "turn, 2,000 messages", median(turns.long), "ms", conditions),
    metric("4 flat cost", "turn ratio 2,000 / 20", ratio(turns), "x", conditions, { op: "<=", value: 1.3 }),
    metric(
      "4 flat cost",
      "memoryBuffer after 1,000 turns",
      memoryBytes,
      "bytes",
      { ...conditions, cap: memoryLimits().maxBytes },
      {
        op: "<=",
        value: memoryLimits().maxBytes,
      },
    ),
  ];
});
