import { beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrations/runner";
import { verifyMemoryBuffer } from "@/lib/db/migrations/verify";
import { createTestDatabase, withClient } from "../support/database";

const ROWS = 20_000;

describe("the memoryBuffer GIN index", () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
    await migrate({ databaseUrl: url });
    await withClient(url, async (client) => {
      // Realistic buffers: a window of messages, a summary, and one of 100 topics per conversation.
      await client.query(
        `INSERT INTO "Conversation" (title, "memoryBuffer")
         SELECT 'conversation ' || n, jsonb_build_object(
           'version', 1,
           'short_term_memory', jsonb_build_object('messages', jsonb_build_array(
             jsonb_build_object('type', 'human', 'data', jsonb_build_object('content', 'question ' || n)),
             jsonb_build_object('type', 'ai', 'data', jsonb_build_object('content', 'answer ' || n)))),
           'long_term_memory', jsonb_build_object('summary', 'summary ' || n, 'summarized_messages', n % 40, 'facts', '[]'::jsonb),
           'user_preferences', jsonb_build_object(
             'topic', CASE WHEN n % 100 = 0 THEN 'pricing' ELSE 'topic-' || (n % 100) END,
             'name', 'user ' || (n % 997)),
           'stats', jsonb_build_object('turns', n % 50, 'updated_at', now()))
         FROM generate_series(1, $1) AS n`,
        [ROWS],
      );
      await client.query(`ANALYZE "Conversation"`);
    });
  });

  it("is chosen by the planner for @> on a table of realistic size", async () => {
    await withClient(url, async (client) => {
      const { rows } = await client.query(
        `EXPLAIN (ANALYZE, FORMAT JSON)
         SELECT id FROM "Conversation" WHERE "memoryBuffer" @> '{"user_preferences": {"topic": "pricing"}}'`,
      );
      const plan = JSON.stringify(rows[0]["QUERY PLAN"]);
      expect(plan).toContain('"Index Name":"Conversation_memoryBuffer_idx"');
      expect(plan).not.toContain('"Node Type":"Seq Scan"');
      const found = await client.query(
        `SELECT count(*)::int AS n FROM "Conversation" WHERE "memoryBuffer" @> '{"user_preferences": {"topic": "pricing"}}'`,
      );
      expect(found.rows[0].n).toBe(ROWS / 100);
    });
  });

  it("passes db:verify's plan check without disabling sequential scans", async () => {
    const plan = (await verifyMemoryBuffer(url))[3];
    expect(plan.ok).toBe(true);
    expect(plan.detail).not.toContain("sequential scans were disabled");
  });
});
