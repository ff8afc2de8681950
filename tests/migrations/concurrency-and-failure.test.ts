import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrationFiles } from "@/lib/db/migrations/files";
import { migrate, migrationStatus, resolveRolledBack } from "@/lib/db/migrations/runner";

const COUNT = readMigrationFiles().length;

import { createTestDatabase, withClient } from "../support/database";
import { copyMigrations } from "../support/migrations-copy";
import { removeTemporaryDirectories } from "../support/temp-dir";

// The copies of the migrations this file made go once it is done.
afterAll(removeTemporaryDirectories);

describe("two runners started at once", () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });

  it("apply each migration exactly once", async () => {
    const logs: string[] = [];
    const runs = await Promise.all([1, 2, 3].map(() => migrate({ databaseUrl: url, log: (line) => logs.push(line) })));
    const applied = runs.flat().sort();
    expect(applied).toHaveLength(COUNT);
    expect(new Set(applied).size).toBe(COUNT);
    expect(runs.filter((run) => run.length === 0)).toHaveLength(2);
    const rows = await withClient(
      url,
      async (client) => (await client.query(`SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1`)).rows,
    );
    expect(rows).toHaveLength(COUNT);
    expect(rows.every((row) => row.n === 1)).toBe(true);
  });
});

describe("a migration that fails midway", () => {
  let url: string;
  let dir: string;
  const broken = "999_broken";
  beforeAll(async () => {
    url = await createTestDatabase();
    dir = copyMigrations();
    mkdirSync(path.join(dir, broken));
    writeFileSync(
      path.join(dir, broken, "migration.sql"),
      `CREATE TABLE "Half" ("id" INTEGER);\nALTER TABLE "Conversation" ADD COLUMN "half" TEXT;\nSELECT 1 / 0;\n`,
    );
  });

  it("leaves no partial change and a clear error", async () => {
    const error = await migrate({ databaseUrl: url, migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "MIGRATION_FAILED" });
    expect((error as Error).message).toMatch(/999_broken failed and was rolled back[\s\S]*division by zero/);
    await withClient(url, async (client) => {
      const half = await client.query(`SELECT to_regclass('"Half"') IS NULL AS gone`);
      expect(half.rows[0].gone).toBe(true);
      const column = await client.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'Conversation' AND column_name = 'half'`,
      );
      expect(column.rowCount).toBe(0);
      const failed = await client.query(
        `SELECT finished_at, logs, applied_steps_count FROM "_prisma_migrations" WHERE migration_name = $1`,
        [broken],
      );
      expect(failed.rows).toEqual([{ finished_at: null, logs: expect.stringContaining("division by zero"), applied_steps_count: 0 }]);
    });
    const states = await migrationStatus({ databaseUrl: url, migrationsDir: dir });
    expect(states.map((entry) => entry.state)).toEqual([...Array(COUNT).fill("applied"), "failed"]);
  });

  it("blocks later runs until resolved, then applies the fixed migration", async () => {
    await expect(migrate({ databaseUrl: url, migrationsDir: dir })).rejects.toMatchObject({
      code: "MIGRATION_FAILED_EARLIER",
    });
    writeFileSync(path.join(dir, broken, "migration.sql"), `CREATE TABLE "Half" ("id" INTEGER);\n`);
    await resolveRolledBack({ databaseUrl: url, migrationsDir: dir, name: broken });
    expect(await migrate({ databaseUrl: url, migrationsDir: dir })).toEqual([broken]);
    await expect(resolveRolledBack({ databaseUrl: url, migrationsDir: dir, name: broken })).rejects.toMatchObject({
      code: "NOT_APPLIED",
    });
  });
});
