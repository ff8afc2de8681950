// Scenario 5: `@>` preference search over 1,000,000 conversations (quick: 100,000) with realistic
// memoryBuffers, through the GIN index and by sequential scan.
import { metric, percentile, runScenario, timed } from "../harness";

const TOPICS = 1_000;

await runScenario(async ({ quick, database }) => {
  const rows = quick ? 100_000 : 1_000_000;
  const started = Date.now();
  // A realistic buffer: a short window, a summary, preferences and stats (about 1.5 KB of JSON).
  await database.query(
    `INSERT INTO "Conversation" (title, "lastSeq", "memoryBuffer")
     SELECT 'Conversation ' || n, 6, jsonb_build_object(
       'version', 1,
       'short_term_memory', jsonb_build_object('messages', jsonb_build_array(
         jsonb_build_object('type', 'human', 'data', jsonb_build_object('content', 'How much would ' || (n % 90 + 5) || ' seats cost on plan ' || (n % 7) || '?', 'additional_kwargs', jsonb_build_object('seq', 5, 'tokens', 14))),
         jsonb_build_object('type', 'ai', 'data', jsonb_build_object('content', repeat('A detailed answer about seats, billing and discounts. ', 6), 'additional_kwargs', jsonb_build_object('seq', 6, 'tokens', 64))))),
       'long_term_memory', jsonb_build_object('summary', repeat('The user compared plans and asked about annual billing. ', 10), 'summarized_messages', 4, 'facts', jsonb_build_array('User said: I work at company ' || (n % 5000))),
       'user_preferences', jsonb_build_object('topic', 'topic-' || (n % ${TOPICS}), 'name', 'user-' || (n % 20011), 'language', (ARRAY['en','fr','de','es'])[n % 4 + 1]),
       'stats', jsonb_build_object('turns', 3, 'updated_at', now()))
     FROM generate_series(1, $1) AS n`,
    [rows],
  );
  await database.query(`VACUUM ANALYZE "Conversation"`);
  const loadSeconds = (Date.now() - started) / 1000;

  const search = (topic: number) =>
    database.query(`SELECT id, title FROM "Conversation" WHERE "memoryBuffer" @> $1::jsonb`, [
      JSON.stringify({ user_preferences: { topic: `topic-${topic}` } }),
    ]);
  const [plan] = await database.query<{ "QUERY PLAN": unknown }>(
    `EXPLAIN (FORMAT JSON) SELECT id FROM "Conversation" WHERE "memoryBuffer" @> '{"user_preferences": {"topic": "topic-7"}}'`,
  );
  const usesIndex = JSON.stringify(plan).includes("Conversation_memoryBuffer_idx");

  const indexed: number[] = [];
  for (let i = 0; i < (quick ? 200 : 500); i++) indexed.push((await timed(() => search((i * 37) % TOPICS)))[0]);

  const scanned: number[] = [];
  const scan = async (topic: number) => {
    await database.query(
      `BEGIN; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = off;
       SELECT id, title FROM "Conversation" WHERE "memoryBuffer" @> '{"user_preferences": {"topic": "topic-${topic}"}}'::jsonb; COMMIT;`,
    );
  };
  for (let i = 0; i < (quick ? 5 : 10); i++) scanned.push((await timed(() => scan((i * 53) % TOPICS)))[0]);

  const [size] = await database.query<{ index: string; table: string }>(
    `SELECT pg_relation_size('"Conversation_memoryBuffer_idx"')::bigint AS index, pg_total_relation_size('"Conversation"')::bigint AS table`,
  );
  const conditions = { conversations: rows, topics: TOPICS, matchesPerQuery: rows / TOPICS, planUsesGinIndex: usesIndex, loadSeconds };
  const p50 = percentile(indexed, 50);
  return [
    metric("5 search", "@> search with the GIN index, p50", p50, "ms", conditions, { op: "<=", value: 5 }),
    metric("5 search", "@> search with the GIN index, p95", percentile(indexed, 95), "ms", conditions),
    metric("5 search", "same query by sequential scan, p50", percentile(scanned, 50), "ms", conditions),
    metric("5 search", "speed-up of the index (scan / index, p50)", percentile(scanned, 50) / p50, "x", conditions, { op: ">=", value: 100 }),
    metric("5 search", "GIN index size", Number(size.index), "bytes", conditions),
    metric("5 search", "Conversation table size (with TOAST and indexes)", Number(size.table), "bytes", conditions),
  ];
});
