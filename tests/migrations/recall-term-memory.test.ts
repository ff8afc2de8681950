import { randomUUID } from "node:crypto";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrations/runner";
import { createTestDatabase, withClient } from "../support/database";
import { psqlFile } from "../support/psql";

const M024 = "024_add_memory_across_chats";
const M025 = "025_add_recall_term_memory";

let url: string;
const memory = randomUUID();
const owned = randomUUID();
const ownerless = randomUUID();

beforeAll(async () => {
  url = await createTestDatabase();
  await migrate({ databaseUrl: url, to: M024 });
  await withClient(url, async (client) => {
    await client.query(`INSERT INTO "Conversation" ("id", "memoryId") VALUES ($1, $2), ($3, NULL)`, [owned, memory, ownerless]);
    await client.query(
      `INSERT INTO "RecallTerm" ("conversationId", "lexeme", "messages")
       SELECT c, l, 2 FROM unnest($1::uuid[]) c CROSS JOIN unnest(ARRAY['lisbon', 'tile']) l`,
      [[owned, ownerless]],
    );
  });
});

const termsOf = (id: string) =>
  withClient(
    url,
    async (client) =>
      (await client.query(`SELECT "lexeme", "messages", "memoryId" FROM "RecallTerm" WHERE "conversationId" = $1 ORDER BY 1`, [id])).rows,
  );

describe("migration 025: a memory's term counts", () => {
  it("copies each conversation's memory to its counts, and leaves the others without one", async () => {
    await migrate({ databaseUrl: url, to: M025 });
    expect(await termsOf(owned)).toEqual([
      { lexeme: "lisbon", messages: 2, memoryId: memory },
      { lexeme: "tile", messages: 2, memoryId: memory },
    ]);
    expect((await termsOf(ownerless)).map((row) => row.memoryId)).toEqual([null, null]);
  });

  it("rolls back with psql -f alone, keeping the counts", async () => {
    const result = psqlFile(url, path.join("prisma", "migrations", M025, "rollback.sql"));
    expect(result.status, result.output).toBe(0);
    await withClient(url, async (client) => {
      const column = await client.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'RecallTerm' AND column_name = 'memoryId'`,
      );
      expect(column.rowCount).toBe(0);
      const counts = await client.query(`SELECT count(*)::int AS n FROM "RecallTerm"`);
      expect(counts.rows[0].n).toBe(4);
    });
    await migrate({ databaseUrl: url });
    expect((await termsOf(owned)).map((row) => row.memoryId)).toEqual([memory, memory]);
  });
});
