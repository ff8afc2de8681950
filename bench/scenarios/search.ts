// Scenario 5: `@>` preference search over 1,000,000 conversations (quick: 100,000) with realistic
// memoryBuffers, through the GIN index and by sequential scan of the same query.
import { type FreshDatabase, metric, percentile, runScenario, timed } from "../harness";

/** The judged query: a topic shared by 100 conversations, whatever the table's size. */
const SELECTIVE_MATCHES = 100;
/** Also reported: a team shared by 0.1% of all conversations (1,000 of 1,000,000), to show where the index's cost goes. */
const BROAD_VALUES = 1_000;

async function measure(database: FreshDatabase, key: "topic" | "team", values: number, searches: number, scans: number) {
  const containing = (value: number) => JSON.stringify({ user_preferences: { [key]: `${key}-${value}` } });
  const [plan] = await database.query<{ "QUERY PLAN": unknown }>(
    `EXPLAIN (FORMAT JSON) SELECT id, title FROM "Conversation" WHERE "memoryBuffer" @> $1::jsonb`,
    [containing(7)],
  );
  const indexed: number[] = [];
  let matches = 0;
  for (let i = 0; i < searches; i++) {
    const [ms, found] = await timed(() =>
      database.query(`SELECT id, title FROM "Conversation" WHERE "memoryBuffer" @> $1::jsonb`, [containing((i * 37) % values)]),
    );
    indexed.push(ms);
    matches = found.length;
  }
  const scanned: number[] = [];
  for (let i = 0; i < scans; i++) {
    const value = containing((i * 53) % values).replaceAll("'", "''");
    const [ms] = await timed(() =>
      database.query(
        `BEGIN; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = off;
         SELECT id, title FROM "Conversation" WHERE "memoryBuffer" @> '${value}'::jsonb; COMMIT;`,
      ),
    );
    scanned.push(ms);
  }
  return {
    p50: percentile(indexed, 50),
    p95: percentile(indexed, 95),
    scan: percentile(scanned, 50),
    matches,
    usesIndex: JSON.stringify(plan).includes("Conversation_memoryBuffer_idx"),
  };
}

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
       'user_preferences', jsonb_build_object('topic', 'topic-' || (n % $2), 'team', 'team-' || (n % $3), 'name', 'user-' || (n % 20011), 'language', (ARRAY['en','fr','de','es'])[n % 4 + 1]),
       'stats', jsonb_build_object('turns', 3, 'updated_at', now()))
     FROM generate_series(1, $1) AS n`,
    [rows, rows / SELECTIVE_MATCHES, BROAD_VALUES],
  );
  await database.query(`VACUUM ANALYZE "Conversation"`);
  const loadSeconds = (Date.now() - started) / 1000;

  const selective = await measure(database, "topic", rows / SELECTIVE_MATCHES, quick ? 200 : 500, quick ? 5 : 10);
  const broad = await measure(database, "team", BROAD_VALUES, quick ? 100 : 200, quick ? 5 : 10);
  const [size] = await database.query<{ index: string; table: string }>(
    `SELECT pg_relation_size('"Conversation_memoryBuffer_idx"')::bigint AS index, pg_total_relation_size('"Conversation"')::bigint AS table`,
  );
  const conditions = { conversations: rows, loadSeconds, scan: "index scans off; PostgreSQL's own plan, parallel when it chooses" };
  const judged = { ...conditions, matchesPerQuery: selective.matches, planUsesGinIndex: selective.usesIndex };
  const wide = { ...conditions, matchesPerQuery: broad.matches, planUsesGinIndex: broad.usesIndex };
  return [
    metric("5 search", "@> search with the GIN index, p50", selective.p50, "ms", judged, { op: "<=", value: 5 }),
    metric("5 search", "@> search with the GIN index, p95", selective.p95, "ms", judged),
    metric("5 search", "same query by sequential scan, p50", selective.scan, "ms", judged),
    metric("5 search", "speed-up of the index (scan / index, p50)", selective.scan / selective.p50, "x", judged, { op: ">=", value: 100 }),
    metric("5 search", `broad query (${broad.matches} matches): index p50`, broad.p50, "ms", wide),
    metric("5 search", `broad query (${broad.matches} matches): scan / index`, broad.scan / broad.p50, "x", wide),
    metric("5 search", "GIN index size", Number(size.index), "bytes", conditions),
    metric("5 search", "Conversation table size (with TOAST and indexes)", Number(size.table), "bytes", conditions),
  ];
});
