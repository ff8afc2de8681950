import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrations/runner";
import { createTestDatabase, withClient } from "../support/database";
import { psqlFile } from "../support/psql";

const M020 = "020_add_message_branches";
const ROLLBACK = `prisma/migrations/${M020}/rollback.sql`;

describe("rolling back 020 (branches) with psql alone", () => {
  it("keeps each conversation's current branch: its messages, vectors and memory; other branches go", async () => {
    const url = await createTestDatabase();
    await migrate({ databaseUrl: url, to: M020 });
    const branched = randomUUID();
    const linear = randomUUID();
    await withClient(url, async (client) => {
      // Branch 0: seq 1-4. Branch 1 continues it after seq 2 (an edit of seq 3): seq 5-6, and it is current.
      await client.query(
        `INSERT INTO "Conversation" (id, "lastSeq", "memoryBuffer", branch, "pathBranches", "pathEnds")
         VALUES ($1, 6, '{"current": true}', 1, '{0,1}', '{2,2147483647}'), ($2, 2, NULL, 0, '{0}', '{2147483647}')`,
        [branched, linear],
      );
      const messages: [string, number, number, string][] = [
        [branched, 1, 0, "user"],
        [branched, 2, 0, "assistant"],
        [branched, 3, 0, "user"],
        [branched, 4, 0, "assistant"],
        [branched, 5, 1, "user"],
        [branched, 6, 1, "assistant"],
        [linear, 1, 0, "user"],
        [linear, 2, 0, "assistant"],
      ];
      for (const [conversation, seq, branch, role] of messages) {
        await client.query(`INSERT INTO "Message" ("conversationId", seq, branch, role, content) VALUES ($1, $2, $3, $4, $5)`, [
          conversation,
          seq,
          branch,
          role,
          `message ${seq}`,
        ]);
      }
      await client.query(
        `INSERT INTO "Branch" ("conversationId", id, parent, "forkSeq", "pathBranches", "pathEnds", "memoryBuffer")
         VALUES ($1, 0, 0, 0, '{0}', '{2147483647}', '{"old": true}'), ($1, 1, 0, 2, '{0,1}', '{2,2147483647}', NULL)`,
        [branched],
      );
      for (const seq of [1, 3, 5]) {
        await client.query(
          `INSERT INTO "MessageEmbedding" ("conversationId", seq, model, signs, vector) VALUES ($1, $2, 'm', B'1', '\\x00')`,
          [branched, seq],
        );
      }
    });

    const result = psqlFile(url, ROLLBACK);
    expect(result.output).not.toMatch(/ERROR/);
    expect(result.status).toBe(0);
    await withClient(url, async (client) => {
      const kept = await client.query(`SELECT "conversationId" = $1 AS branched, seq FROM "Message" ORDER BY 1 DESC, seq`, [branched]);
      expect(kept.rows).toEqual([
        { branched: true, seq: 1 },
        { branched: true, seq: 2 },
        { branched: true, seq: 5 },
        { branched: true, seq: 6 },
        { branched: false, seq: 1 },
        { branched: false, seq: 2 },
      ]);
      const vectors = await client.query(`SELECT seq FROM "MessageEmbedding" ORDER BY seq`);
      expect(vectors.rows.map((row) => row.seq)).toEqual([1, 5]);
      const memory = await client.query(`SELECT "memoryBuffer" FROM "Conversation" WHERE id = $1`, [branched]);
      expect(memory.rows[0].memoryBuffer).toEqual({ current: true });
      const tables = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Branch'`);
      expect(tables.rowCount).toBe(0);
    });
    // And forward again, to the schema 020 gives.
    expect(await migrate({ databaseUrl: url, to: M020 })).toEqual([M020]);
  });
});
