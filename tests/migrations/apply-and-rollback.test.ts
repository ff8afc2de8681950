import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readMigrationFiles } from "@/lib/db/migrations/files";
import { migrate, migrationStatus } from "@/lib/db/migrations/runner";
import { verifyMemoryBuffer } from "@/lib/db/migrations/verify";
import { createTestDatabase, withClient } from "../support/database";
import { psqlFile } from "../support/psql";

const M010 = "010_add_memory_buffer_to_conversation";
const ALL = readMigrationFiles().map((file) => file.name);
/** Everything from 010 on, newest first: the order rollbacks must take. */
const FROM_010_DOWN = ALL.filter((name) => name >= M010).reverse();
const AFTER_010 = FROM_010_DOWN.slice(0, -1);
const rollbackFile = (name: string) => path.join("prisma", "migrations", name, "rollback.sql");

let url: string;
beforeAll(async () => {
  url = await createTestDatabase();
});

describe("migrations on an empty database", () => {
  it("apply in name order and record each once", async () => {
    const applied = await migrate({ databaseUrl: url });
    expect(applied).toEqual(ALL);
    expect(ALL.slice(0, 5)).toEqual([
      "001_create_conversation",
      "002_create_message",
      "003_create_conversation_session",
      M010,
      "011_move_conversation_sessions_into_memory_buffer",
    ]);
    expect(await migrate({ databaseUrl: url })).toEqual([]);
    expect((await migrationStatus({ databaseUrl: url })).map((entry) => entry.state)).toEqual(Array(ALL.length).fill("applied"));
  });

  it("pass every check of the migration 010 design document", async () => {
    const checks = await verifyMemoryBuffer(url);
    expect(checks).toHaveLength(4);
    for (const check of checks) expect(check, check.name).toMatchObject({ ok: true });
    expect(checks[1].detail).toContain('USING gin ("memoryBuffer" jsonb_path_ops)');
  });

  it("leave existing conversations with NULL memory", async () => {
    await withClient(url, async (client) => {
      await client.query(`INSERT INTO "Conversation" (title) VALUES ('kept')`);
      const { rows } = await client.query(`SELECT "memoryBuffer" FROM "Conversation"`);
      expect(rows).toEqual([{ memoryBuffer: null }]);
    });
  });

  it("refuse to roll back 010 with psql while a later migration is applied", () => {
    const result = psqlFile(url, rollbackFile(M010));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`Roll back the later migrations first: ${AFTER_010.join(", ")}`);
  });

  it("roll back the later ones and then 010 with psql -f alone, removing column, index, comment and bookkeeping", async () => {
    for (const name of FROM_010_DOWN) {
      const result = psqlFile(url, rollbackFile(name));
      expect(result.status, result.output).toBe(0);
    }

    const checks = await verifyMemoryBuffer(url);
    expect(checks.map((check) => check.ok)).toEqual([false, false, false, false]);
    await withClient(url, async (client) => {
      const column = await client.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'Conversation' AND column_name = 'memoryBuffer'`,
      );
      expect(column.rowCount).toBe(0);
      const index = await client.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'Conversation_memoryBuffer_idx'`);
      expect(index.rowCount).toBe(0);
      const ledger = await client.query(
        `SELECT migration_name FROM "_prisma_migrations" WHERE migration_name = ANY($1) AND rolled_back_at IS NULL`,
        [FROM_010_DOWN],
      );
      expect(ledger.rows).toEqual([]);
      const session = await client.query(`SELECT to_regclass('"ConversationSession"') IS NOT NULL AS exists`);
      expect(session.rows[0].exists).toBe(true);
    });
    expect((await migrationStatus({ databaseUrl: url })).slice(3).map((entry) => entry.state)).toEqual(FROM_010_DOWN.map(() => "pending"));
  });

  it("refuse a second psql rollback of 010, changing nothing", async () => {
    const result = psqlFile(url, rollbackFile(M010));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`Migration ${M010} is not applied`);
  });

  it("apply again after the rollback", async () => {
    expect(await migrate({ databaseUrl: url })).toEqual([...FROM_010_DOWN].reverse());
    for (const check of await verifyMemoryBuffer(url)) expect(check, check.name).toMatchObject({ ok: true });
  });
});
