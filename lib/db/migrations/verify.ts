import pg from "pg";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export const MEMORY_INDEX = "Conversation_memoryBuffer_idx";
export const SAMPLE_CONTAINMENT = `{"user_preferences": {"topic": "pricing"}}`;

/** Below this many rows the planner rightly prefers a sequential scan, so the check discourages it. */
const PLANNER_MIN_ROWS = 1_000;

interface PlanNode {
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function indexesIn(plan: PlanNode): string[] {
  return [...(plan["Index Name"] ? [plan["Index Name"]] : []), ...(plan.Plans ?? []).flatMap(indexesIn)];
}

async function columnCheck(client: pg.ClientBase): Promise<Check> {
  const { rows } = await client.query<{ data_type: string; is_nullable: string }>(
    `SELECT data_type, is_nullable FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'Conversation' AND column_name = 'memoryBuffer'`,
  );
  const column = rows[0];
  return {
    name: "Column Conversation.memoryBuffer is jsonb and nullable (information_schema.columns)",
    ok: column?.data_type === "jsonb" && column.is_nullable === "YES",
    detail: column ? `data_type=${column.data_type}, is_nullable=${column.is_nullable}` : "column not found",
  };
}

async function indexCheck(client: pg.ClientBase): Promise<Check> {
  const { rows } = await client.query<{ indexdef: string }>(
    `SELECT indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = 'Conversation' AND indexname = $1`,
    [MEMORY_INDEX],
  );
  const definition = rows[0]?.indexdef;
  return {
    name: `Index ${MEMORY_INDEX} exists and uses GIN on memoryBuffer (pg_indexes)`,
    ok: definition !== undefined && /USING gin \("memoryBuffer"( jsonb_path_ops)?\)/.test(definition),
    detail: definition ?? "index not found",
  };
}

async function commentCheck(client: pg.ClientBase): Promise<Check> {
  const { rows } = await client.query<{ comment: string | null }>(
    `SELECT col_description(a.attrelid, a.attnum) AS comment
     FROM pg_attribute a
     WHERE a.attrelid = to_regclass('"Conversation"') AND a.attname = 'memoryBuffer' AND NOT a.attisdropped`,
  );
  const comment = rows[0]?.comment;
  return {
    name: "Column comment on memoryBuffer is set",
    ok: Boolean(comment?.trim()),
    detail: comment ?? "no comment",
  };
}

async function planCheck(client: pg.ClientBase): Promise<Check> {
  const name = `Index ${MEMORY_INDEX} is chosen for an @> query on memoryBuffer`;
  const column = await client.query(
    `SELECT 1 FROM pg_attribute
     WHERE attrelid = to_regclass('"Conversation"') AND attname = 'memoryBuffer' AND NOT attisdropped`,
  );
  if (!column.rowCount) return { name, ok: false, detail: "column memoryBuffer not found" };
  await client.query("BEGIN");
  try {
    const { rows } = await client.query<{ rows: number }>(
      `SELECT GREATEST(reltuples, 0)::bigint AS rows FROM pg_class WHERE oid = to_regclass('"Conversation"')`,
    );
    const small = Number(rows[0].rows) < PLANNER_MIN_ROWS;
    if (small) await client.query("SET LOCAL enable_seqscan = off");
    const explain = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
      `EXPLAIN (FORMAT JSON) SELECT "id" FROM "Conversation" WHERE "memoryBuffer" @> $1::jsonb`,
      [SAMPLE_CONTAINMENT],
    );
    const used = indexesIn(explain.rows[0]["QUERY PLAN"][0].Plan);
    return {
      name,
      ok: used.includes(MEMORY_INDEX),
      detail:
        `WHERE "memoryBuffer" @> '${SAMPLE_CONTAINMENT}' uses ${used.length ? used.join(", ") : "no index"}` +
        (small ? ` (table has under ${PLANNER_MIN_ROWS} rows, so sequential scans were disabled for the check)` : ""),
    };
  } finally {
    await client.query("ROLLBACK");
  }
}

/** The checks the migration 010 design document asks for after the migration. */
export async function verifyMemoryBuffer(databaseUrl: string): Promise<Check[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return [await columnCheck(client), await indexCheck(client), await commentCheck(client), await planCheck(client)];
  } finally {
    await client.end();
  }
}
