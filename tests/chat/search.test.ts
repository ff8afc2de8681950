import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { searchConversations } from "@/app/actions/conversations";
import { searchArguments } from "@/lib/conversations/search";
import { SEARCH_CONVERSATIONS } from "@/lib/db/queries/conversation-queries";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase();
const mine = { pricing: randomUUID(), billing: randomUUID(), named: randomUUID() };

beforeAll(async () => {
  await sendTurn(mine.pricing, "Let's talk about pricing. My name is Ada.");
  await sendTurn(mine.billing, "topic: billing");
  await sendTurn(mine.named, "My name is Ada.");
  await withClient(database.url(), async (client) => {
    await client.query(`UPDATE "Conversation" SET title = 'Quarterly pricing review' WHERE id = $1`, [mine.pricing]);
    // Other people's conversations, some about pricing too: never returned to this browser.
    await client.query(
      `INSERT INTO "Conversation" (title, "memoryBuffer")
       SELECT 'other ' || n, jsonb_build_object('version', 1, 'user_preferences',
              jsonb_build_object('topic', CASE WHEN n % 1000 = 0 THEN 'pricing' ELSE 'topic-' || (n % 500) END))
       FROM generate_series(1, 20000) n`,
    );
    await client.query(`ANALYZE "Conversation"`);
  });
});

describe("searching conversations", () => {
  const ids = () => Object.values(mine);

  it("finds by remembered preference, only among the ids given", async () => {
    const result = await searchConversations({ ids: ids(), preferences: { topic: "pricing" } });
    expect(result.ok && result.data.map((c) => c.id)).toEqual([mine.pricing]);
    const both = await searchConversations({ ids: ids(), preferences: { name: "Ada" } });
    expect(both.ok && new Set(both.data.map((c) => c.id))).toEqual(new Set([mine.pricing, mine.named]));
    const none = await searchConversations({ ids: ids(), preferences: { topic: "pricing", name: "Bob" } });
    expect(none.ok && none.data).toEqual([]);
  });

  it("finds by title, treating LIKE wildcards as text", async () => {
    const result = await searchConversations({ ids: ids(), title: "PRICING" });
    expect(result.ok && result.data.map((c) => c.id)).toEqual([mine.pricing]);
    const wildcard = await searchConversations({ ids: ids(), title: "%" });
    expect(wildcard.ok && wildcard.data).toEqual([]);
  });

  it("uses the memoryBuffer GIN index for the preference containment", async () => {
    const known = await withClient(database.url(), async (client) =>
      (await client.query<{ id: string }>(`SELECT id FROM "Conversation" ORDER BY title LIMIT 300`)).rows.map((r) => r.id),
    );
    const input = { ids: [...ids(), ...known], preferences: { topic: "pricing" } };
    const plan = await withClient(
      database.url(),
      async (client) => (await client.query(`EXPLAIN (FORMAT JSON) ${SEARCH_CONVERSATIONS}`, searchArguments(input))).rows,
    );
    expect(JSON.stringify(plan)).toContain('"Index Name":"Conversation_memoryBuffer_idx"');
  });

  it("rejects bad input with typed errors", async () => {
    expect(await searchConversations({ ids: ["nope"], title: "x" })).toMatchObject({ ok: false, error: { code: "INVALID_ID" } });
    expect(await searchConversations({ ids: ids() })).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(await searchConversations({ ids: ids(), preferences: { 'topic"}': "x" } })).toMatchObject({
      ok: false,
      error: { code: "INVALID_PREFERENCE" },
    });
  });
});
