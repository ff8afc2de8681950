import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { searchConversations } from "@/app/actions/conversations";
import { searchArguments } from "@/lib/conversations/search";
import { SEARCH_CONVERSATIONS } from "@/lib/db/queries/conversation-queries";
import { indexForRecall, SEARCH_MESSAGES } from "@/lib/db/queries/recall-queries";
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

describe("searching in what was said", () => {
  const ids = () => Object.values(mine);
  const hits = async (input: { ids: string[]; text: string; preferences?: Record<string, string> }) => {
    const result = await searchConversations(input);
    if (!result.ok) throw new Error(result.error.message);
    return result.data.messages;
  };

  it("finds every message holding the words, newest first, with the match marked in its snippet", async () => {
    const found = await hits({ ids: ids(), text: "talking prices" });
    expect(found.every((hit) => hit.conversationId === mine.pricing)).toBe(true);
    expect(found.map((hit) => hit.seq)).toContain(1);
    expect(found.map((hit) => hit.seq)).toEqual([...found.map((hit) => hit.seq)].sort((a, b) => b - a));
    const mineFirst = found.find((hit) => hit.seq === 1)!;
    expect(mineFirst.title).toBe("Quarterly pricing review");
    expect(mineFirst.snippet.filter((part) => part.match).map((part) => part.text.toLowerCase())).toEqual(
      expect.arrayContaining(["talk", "pricing"]),
    );
    expect("Let's talk about pricing. My name is Ada.").toContain(mineFirst.snippet.map((part) => part.text).join(""));
  });

  it("looks only in the conversations given, and only in those whose memory holds the preferences", async () => {
    const elsewhere = randomUUID();
    await sendTurn(elsewhere, "Let's talk about pricing for the other team.");
    expect((await hits({ ids: ids(), text: "pricing" })).every((hit) => hit.conversationId !== elsewhere)).toBe(true);
    expect(new Set((await hits({ ids: [...ids(), elsewhere], text: "pricing" })).map((hit) => hit.conversationId))).toContain(elsewhere);
    const scoped = await hits({ ids: ids(), text: "Ada", preferences: { topic: "pricing" } });
    expect(new Set(scoped.map((hit) => hit.conversationId))).toEqual(new Set([mine.pricing]));
  });

  it("finds the matches through the recall index's GIN keys", async () => {
    const plan = await withClient(
      database.url(),
      async (client) => (await client.query(`EXPLAIN (FORMAT JSON) ${SEARCH_MESSAGES}`, [ids(), "pricing review", 30])).rows,
    );
    expect(JSON.stringify(plan)).toContain('"Index Name":"Message_recall_idx"');
  });

  it("treats the words as words: stop words alone, and query syntax, find nothing and break nothing", async () => {
    expect(await hits({ ids: ids(), text: "the and of" })).toEqual([]);
    // Long queries cost no more than eight words: the rest are not required.
    const many = ["pricing", "talk", ...Array.from({ length: 30 }, (_, i) => `zq${i}`)].join(" ");
    expect((await searchConversations({ ids: ids(), text: many })).ok).toBe(true);
    for (const text of ["pricing & !ada", '\'); DROP TABLE "Message"; --', "a:b* | c <-> d", "\\"]) {
      const result = await searchConversations({ ids: ids(), text });
      expect(result.ok, text).toBe(true);
    }
  });
});

describe("indexing for search", () => {
  it("never passes a reply still streaming, which is found once it has ended", async () => {
    const id = randomUUID();
    const sql = (text: string, values: unknown[] = []) => withClient(database.url(), (client) => client.query(text, values));
    await sql(`INSERT INTO "Conversation" (id, "lastSeq") VALUES ($1, 4)`, [id]);
    await sql(
      `INSERT INTO "Message" ("conversationId", seq, role, content, status) VALUES
         ($1, 1, 'user', 'First question about zebras', 'complete'), ($1, 2, 'assistant', 'Zebras are striped', 'streaming'),
         ($1, 3, 'user', 'Second question about zebras', 'complete'), ($1, 4, 'assistant', 'More on zebras', 'complete')`,
      [id],
    );
    // A later turn ended first: its indexing stops before the reply that still streams.
    await indexForRecall(id);
    const seqs = async () => {
      const result = await searchConversations({ ids: [id], text: "zebras" });
      return result.ok ? result.data.messages.map((hit) => hit.seq) : result.error;
    };
    expect(await seqs()).toEqual([1]);
    await sql(`UPDATE "Message" SET status = 'complete' WHERE "conversationId" = $1 AND seq = 2`, [id]);
    await indexForRecall(id);
    expect(await seqs()).toEqual([4, 3, 2, 1]);
  });
});

describe("searching conversations", () => {
  const ids = () => Object.values(mine);

  it("finds by remembered preference, only among the ids given", async () => {
    const result = await searchConversations({ ids: ids(), preferences: { topic: "pricing" } });
    expect(result.ok && result.data.conversations.map((c) => c.id)).toEqual([mine.pricing]);
    const both = await searchConversations({ ids: ids(), preferences: { name: "Ada" } });
    expect(both.ok && new Set(both.data.conversations.map((c) => c.id))).toEqual(new Set([mine.pricing, mine.named]));
    const none = await searchConversations({ ids: ids(), preferences: { topic: "pricing", name: "Bob" } });
    expect(none.ok && none.data).toEqual({ conversations: [], messages: [] });
  });

  it("finds by title, treating LIKE wildcards as text", async () => {
    const result = await searchConversations({ ids: ids(), text: "PRICING" });
    expect(result.ok && result.data.conversations.map((c) => c.id)).toEqual([mine.pricing]);
    const wildcard = await searchConversations({ ids: ids(), text: "%" });
    expect(wildcard.ok && wildcard.data.conversations).toEqual([]);
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
    expect(await searchConversations({ ids: ["nope"], text: "x" })).toMatchObject({ ok: false, error: { code: "INVALID_ID" } });
    expect(await searchConversations({ ids: ids() })).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(await searchConversations({ ids: ids(), preferences: { 'topic"}': "x" } })).toMatchObject({
      ok: false,
      error: { code: "INVALID_PREFERENCE" },
    });
  });
});
