import { randomUUID } from "node:crypto";
import pg from "pg";
import { compareNames, DEFAULT_MIGRATIONS_DIR, readMigrationFiles, readRollbackScript } from "./files";
import {
  ensureLedger,
  ledgerExists,
  MIGRATION_LOCK_KEY,
  markRolledBack,
  readLedger,
  recordFailed,
  recordFinished,
  recordStarted,
} from "./ledger";
import { MigrationError } from "./migration-error";
import { type MigrationEntry, reconcile } from "./reconcile";

export interface RunnerOptions {
  databaseUrl: string;
  migrationsDir?: string;
  log?: (line: string) => void;
}

async function withLock<T>(options: RunnerOptions, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query("SET client_min_messages = warning");
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [MIGRATION_LOCK_KEY]);
    if (!rows[0].locked) {
      options.log?.("Another migration runner holds the lock; waiting for it to finish.");
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    }
    return await work(client);
  } finally {
    await client.end();
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { detail, hint, position } = error as pg.DatabaseError;
  return [error.message, detail && `Detail: ${detail}`, hint && `Hint: ${hint}`, position && `At character ${position}`]
    .filter(Boolean)
    .join("\n");
}

function assertHealthy(entries: MigrationEntry[]): void {
  for (const entry of entries) {
    if (entry.state === "failed") {
      throw new MigrationError(
        "MIGRATION_FAILED_EARLIER",
        `Migration ${entry.name} failed at ${entry.row?.started_at.toISOString()} and blocks further migrations.\n` +
          `${entry.row?.logs ?? ""}\n` +
          `Fix the database or the migration, then mark it rolled back: npm run db:resolve -- --rolled-back ${entry.name}`,
      );
    }
    if (entry.state === "edited") {
      throw new MigrationError(
        "MIGRATION_EDITED",
        `Migration ${entry.name} was edited after it was applied: migration.sql no longer matches its recorded checksum ` +
          `${entry.row?.checksum}. Restore the file and put the change in a new migration.`,
      );
    }
    if (entry.state === "missing") {
      throw new MigrationError(
        "MIGRATION_MISSING",
        `Migration ${entry.name} is recorded in the database but missing from the migrations folder. ` +
          `This code is older than the database.`,
      );
    }
  }
}

/**
 * Applies every pending migration in name order (with `to`, up to and including `to`), each in its own
 * transaction, under Prisma's advisory lock.
 */
export async function migrate(options: RunnerOptions & { to?: string }): Promise<string[]> {
  const files = readMigrationFiles(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const { to } = options;
  if (to !== undefined && !files.some((file) => file.name === to)) {
    throw new MigrationError("UNKNOWN_MIGRATION", `There is no migration named ${to}.`);
  }
  return withLock(options, async (client) => {
    await ensureLedger(client);
    const entries = reconcile(files, await readLedger(client));
    assertHealthy(entries);
    const applied: string[] = [];
    for (const entry of entries) {
      if (entry.state !== "pending" || !entry.file) continue;
      if (to !== undefined && compareNames(entry.name, to) > 0) break;
      const { file } = entry;
      const id = randomUUID();
      const startedAt = new Date();
      try {
        await client.query("BEGIN");
        await recordStarted(client, { id, checksum: file.checksum, name: file.name });
        await client.query(file.script);
        await recordFinished(client, id);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        const logs = describeError(error);
        await recordFailed(client, { id, checksum: file.checksum, name: file.name, startedAt, logs });
        throw new MigrationError(
          "MIGRATION_FAILED",
          `Migration ${file.name} failed and was rolled back; the database is as it was before it.\n${logs}`,
        );
      }
      applied.push(file.name);
      options.log?.(`Applied ${file.name}`);
    }
    return applied;
  });
}

/**
 * Rolls back the newest applied migration, or with `to` every applied migration from `to` onwards
 * (`to` included), newest first, each by running its rollback.sql.
 */
export async function rollback(options: RunnerOptions & { to?: string }): Promise<string[]> {
  const files = readMigrationFiles(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  return withLock(options, async (client) => {
    if (!(await ledgerExists(client))) return [];
    const applied = reconcile(files, await readLedger(client))
      .filter((entry) => entry.state === "applied" || entry.state === "edited" || entry.state === "missing")
      .reverse();
    let targets = applied.slice(0, 1);
    if (options.to !== undefined) {
      const stop = applied.findIndex((entry) => entry.name === options.to);
      if (stop < 0) {
        const exists = files.some((file) => file.name === options.to);
        throw new MigrationError(
          exists ? "NOT_APPLIED" : "UNKNOWN_MIGRATION",
          exists ? `Migration ${options.to} is not applied.` : `There is no migration named ${options.to}.`,
        );
      }
      targets = applied.slice(0, stop + 1);
    }
    const rolledBack: string[] = [];
    for (const entry of targets) {
      const script = entry.file && readRollbackScript(entry.file);
      if (!script) {
        throw new MigrationError("ROLLBACK_MISSING", `Migration ${entry.name} has no rollback.sql.`);
      }
      try {
        await client.query(script);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new MigrationError(
          "ROLLBACK_FAILED",
          `Rolling back ${entry.name} failed; nothing of it was undone.\n${describeError(error)}`,
        );
      }
      rolledBack.push(entry.name);
      options.log?.(`Rolled back ${entry.name}`);
    }
    return rolledBack;
  });
}

/** Marks a failed migration as rolled back, as `prisma migrate resolve --rolled-back` does. */
export async function resolveRolledBack(options: RunnerOptions & { name: string }): Promise<void> {
  await withLock(options, async (client) => {
    if (!(await ledgerExists(client)) || (await markRolledBack(client, options.name)) === 0) {
      throw new MigrationError("NOT_APPLIED", `Migration ${options.name} has no failed run to resolve.`);
    }
  });
}

export async function migrationStatus(options: RunnerOptions): Promise<MigrationEntry[]> {
  const files = readMigrationFiles(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    return reconcile(files, (await ledgerExists(client)) ? await readLedger(client) : []);
  } finally {
    await client.end();
  }
}
