import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { clearConversationMemory } from "@/lib/conversations/write";
import { pool } from "@/lib/db/client";
import { selectRecallTermCounts } from "@/lib/db/queries/recall-queries";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";

setUpAppDatabase();

/** Waits until every message of the conversation is indexed (a turn indexes its messages after it answers). */
async function indexed(id: string) {
  for (let tries = 0; tries < 200; tries++) {
    const { rows } = await pool().query<{ done: boolean }>(
      `SELECT "recallIndexedSeq" >= "lastSeq" AS done FROM "Conversation" WHERE "id" = $1`,
      [id],
    );
    if (rows[0]?.done) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the conversation was not indexed");
}

/** Each lexeme's count as RecallTerm keeps it, and as the recall index itself holds it. */
async function countsBothWays(id: string) {
  const { rows } = await pool().query<{ lexeme: string; kept: number | null; indexed: number | null }>(
    `WITH kept AS (SELECT "lexeme", "messages" FROM "RecallTerm" WHERE "conversationId" = $1),
          indexed AS (SELECT substr(l.lexeme, 38) AS "lexeme", count(*)::int AS "messages"
                      FROM "Message" m CROSS JOIN LATERAL unnest(m."recall") l
                      WHERE m."conversationId" = $1 AND m."recall" IS NOT NULL GROUP BY 1)
     SELECT coalesce(kept."lexeme", indexed."lexeme") AS lexeme, kept."messages" AS kept, indexed."messages" AS indexed
     FROM kept FULL JOIN indexed ON kept."lexeme" = indexed."lexeme"`,
    [id],
  );
  return rows;
}

describe("recall's counts of words", () => {
  it("are the true number of indexed messages holding each word, kept as turns are indexed, and gone with a clear", async () => {
    const id = randomUUID();
    const lines = [
      "I am allergic to shellfish, so no prawns for me.",
      "My sister has the same allergy, to peanuts though.",
      "The garden needs water every morning in July.",
      "We watered the garden twice and the tomatoes love it.",
    ];
    for (const line of lines) await sendTurn(id, line);
    await settleAfterTurn();
    await indexed(id);
    const rows = await countsBothWays(id);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.kept, row.lexeme).toBe(row.indexed);

    const startingWith = (prefix: string) => rows.filter((row) => row.lexeme.startsWith(prefix)).reduce((sum, row) => sum + row.kept!, 0);
    const [garden, allergy, tomato, never] = await selectRecallTermCounts(id, ["gardens", "allergic", "tomato", "zebra"]);
    // "gardens" is stemmed "garden", in at least the two user messages; as a prefix it counts every lexeme it starts.
    expect(startingWith("garden")).toBeGreaterThanOrEqual(2);
    expect(garden).toMatchObject({ term: 0, messages: startingWith("garden") });
    // "allergic" is stemmed "allerg": as a prefix it also counts "allergi" (allergy).
    expect(rows.find((row) => row.lexeme === "allerg")?.kept).toBeGreaterThanOrEqual(1);
    expect(rows.find((row) => row.lexeme === "allergi")?.kept).toBeGreaterThanOrEqual(1);
    expect(allergy).toMatchObject({ term: 1, messages: startingWith("allerg") });
    // A short lexeme ("tomato" is "tomato", 6; "love" 4) counts only itself.
    expect(tomato).toMatchObject({ term: 2, messages: startingWith("tomato") });
    const [love] = await selectRecallTermCounts(id, ["love"]);
    expect(love.messages).toBe(rows.find((row) => row.lexeme === "love")?.kept ?? 0);
    expect(never).toMatchObject({ term: 3, messages: 0 });
    expect(garden.indexedThrough).toBeGreaterThanOrEqual(lines.length * 2);

    await clearConversationMemory(id, "all");
    expect(await countsBothWays(id)).toEqual([]);
    await sendTurn(id, "The garden is lovely now.");
    await settleAfterTurn();
    await indexed(id);
    expect((await countsBothWays(id)).find((row) => row.lexeme === "garden")?.kept).toBeGreaterThanOrEqual(1);
    for (const row of await countsBothWays(id)) expect(row.kept, row.lexeme).toBe(row.indexed);
  });
});
