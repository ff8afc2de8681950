import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, migrationStatus } from "@/lib/db/migrations/runner";
import { createTestDatabase, withClient } from "../support/database";
import { copyMigrations } from "../support/migrations-copy";
import { removeTemporaryDirectories } from "../support/temp-dir";

// The copies of the migrations this file made go once it is done.
afterAll(removeTemporaryDirectories);

const SLOW = "999_slow";

/** Migrations plus a slow one that changes two things, so a kill can land in its middle. */
function migrationsWithSlowOne(): string {
  const dir = copyMigrations();
  mkdirSync(path.join(dir, SLOW));
  writeFileSync(
    path.join(dir, SLOW, "migration.sql"),
    `CREATE TABLE "Slow" ("id" INTEGER);\nSELECT pg_sleep(2);\nALTER TABLE "Conversation" ADD COLUMN "slow" INTEGER;\n`,
  );
  return dir;
}

async function killRunnerMidway(url: string, dir: string): Promise<void> {
  const child = spawn("node_modules/.bin/tsx", ["tests/support/migrate-child.ts", url, dir], { stdio: "ignore", detached: true });
  await withClient(url, async (client) => {
    for (let i = 0; i < 200; i++) {
      const { rowCount } = await client.query(
        `SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(2)%' AND pid <> pg_backend_pid()`,
      );
      if (rowCount) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  // The whole process group: tsx runs the script in a child process of its own.
  process.kill(-child.pid!, "SIGKILL");
  await new Promise((resolve) => child.on("exit", resolve));
}

const schemaOf = (url: string) =>
  withClient(url, async (client) => ({
    slowTable: (await client.query(`SELECT to_regclass('"Slow"') IS NOT NULL AS present`)).rows[0].present as boolean,
    slowColumn:
      ((await client.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'Conversation' AND column_name = 'slow'`))
        .rowCount ?? 0) > 0,
    ledger: (
      await client.query(`SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" WHERE migration_name = $1`, [
        SLOW,
      ])
    ).rows,
  }));

describe("a migration runner killed midway", () => {
  it("leaves the migration fully not applied, with no bookkeeping row, and the next run applies it", async () => {
    const url = await createTestDatabase();
    const dir = migrationsWithSlowOne();
    await killRunnerMidway(url, dir);
    // Nothing of the half-run migration is visible: it ran in a transaction that will never commit.
    expect(await schemaOf(url)).toEqual({ slowTable: false, slowColumn: false, ledger: [] });
    // The next runner waits for the dead session's lock, then applies the migration whole.
    expect(await migrate({ databaseUrl: url, migrationsDir: dir })).toContain(SLOW);
    expect(await schemaOf(url)).toEqual({ slowTable: true, slowColumn: true, ledger: [{ migration_name: SLOW, finished: true }] });
  });

  it("with a second runner started at the same time: the second waits, then applies everything exactly once", async () => {
    const url = await createTestDatabase();
    const dir = migrationsWithSlowOne();
    const child = spawn("node_modules/.bin/tsx", ["tests/support/migrate-child.ts", url, dir], { stdio: "ignore", detached: true });
    const second = migrate({ databaseUrl: url, migrationsDir: dir });
    await withClient(url, async (client) => {
      for (let i = 0; i < 200; i++) {
        if ((await client.query(`SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(2)%' AND pid <> pg_backend_pid()`)).rowCount)
          break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    process.kill(-child.pid!, "SIGKILL");
    const applied = await second;
    expect(applied).toContain(SLOW);
    expect(await schemaOf(url)).toEqual({ slowTable: true, slowColumn: true, ledger: [{ migration_name: SLOW, finished: true }] });
    const states = await migrationStatus({ databaseUrl: url, migrationsDir: dir });
    expect(states.every((entry) => entry.state === "applied")).toBe(true);
    const counts = await withClient(
      url,
      async (client) => (await client.query(`SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1`)).rows,
    );
    expect(counts.every((row) => row.n === 1)).toBe(true);
  });
});
