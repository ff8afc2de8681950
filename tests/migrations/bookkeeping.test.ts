import { createHash } from "node:crypto";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrationFiles } from "@/lib/db/migrations/files";
import { MigrationError } from "@/lib/db/migrations/migration-error";
import { migrate, migrationStatus, rollback } from "@/lib/db/migrations/runner";
import { createTestDatabase, withClient } from "../support/database";
import { copyMigrations } from "../support/migrations-copy";
import { removeTemporaryDirectories } from "../support/temp-dir";

// The copies of the migrations this file made go once it is done.
afterAll(removeTemporaryDirectories);

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("_prisma_migrations bookkeeping", () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
    await migrate({ databaseUrl: url });
  });

  it("records each migration as Prisma does, with checksum = sha256(migration.sql)", async () => {
    const rows = await withClient(
      url,
      async (client) => (await client.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).rows,
    );
    const files = readMigrationFiles();
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    for (const row of rows) {
      const file = path.join("prisma", "migrations", row.migration_name, "migration.sql");
      expect(row.checksum).toBe(sha256(file));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
  });

  it("creates the table with Prisma's exact column types", async () => {
    const columns = await withClient(
      url,
      async (client) =>
        (
          await client.query(
            `SELECT column_name, data_type, character_maximum_length AS len, is_nullable
           FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
          )
        ).rows,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", len: 36, is_nullable: "NO" },
      { column_name: "checksum", data_type: "character varying", len: 64, is_nullable: "NO" },
      { column_name: "finished_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES" },
      { column_name: "migration_name", data_type: "character varying", len: 255, is_nullable: "NO" },
      { column_name: "logs", data_type: "text", len: null, is_nullable: "YES" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES" },
      { column_name: "started_at", data_type: "timestamp with time zone", len: null, is_nullable: "NO" },
      { column_name: "applied_steps_count", data_type: "integer", len: null, is_nullable: "NO" },
    ]);
  });
});

describe("edited or missing migrations", () => {
  let url: string;
  let dir: string;
  beforeAll(async () => {
    url = await createTestDatabase();
    dir = copyMigrations();
    await migrate({ databaseUrl: url, migrationsDir: dir });
  });

  it("accepts the same file with Windows line endings, as Prisma does", async () => {
    const file = path.join(dir, "001_create_conversation", "migration.sql");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replaceAll("\n", "\r\n"));
    expect(await migrate({ databaseUrl: url, migrationsDir: dir })).toEqual([]);
    writeFileSync(file, original);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const file = path.join(dir, "002_create_message", "migration.sql");
    const original = readFileSync(file, "utf8");
    appendFileSync(file, "\n-- an afterthought\n");
    const error = await migrate({ databaseUrl: url, migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: "MIGRATION_EDITED" });
    expect((error as Error).message).toContain("002_create_message was edited after it was applied");
    const states = await migrationStatus({ databaseUrl: url, migrationsDir: dir });
    expect(states.find((entry) => entry.name === "002_create_message")?.state).toBe("edited");
    writeFileSync(file, original);
  });

  it("refuses to run when an applied migration is missing from the folder", async () => {
    rmSync(path.join(dir, "011_move_conversation_sessions_into_memory_buffer"), { recursive: true });
    await expect(migrate({ databaseUrl: url, migrationsDir: dir })).rejects.toMatchObject({
      code: "MIGRATION_MISSING",
    });
  });

  it("names unknown migrations given to --to", async () => {
    await expect(migrate({ databaseUrl: url, to: "999_nothing" })).rejects.toMatchObject({
      code: "UNKNOWN_MIGRATION",
    });
    await expect(rollback({ databaseUrl: url, to: "999_nothing" })).rejects.toMatchObject({
      code: "UNKNOWN_MIGRATION",
    });
  });
});
