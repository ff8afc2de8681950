import type { ClientBase } from "pg";

/** Prisma Migrate's advisory lock key: holding it also keeps `prisma migrate deploy` out. */
export const MIGRATION_LOCK_KEY = 72707369;

export interface LedgerRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

/** The table exactly as Prisma's schema engine creates it on PostgreSQL. */
const CREATE_LEDGER = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export async function ensureLedger(client: ClientBase): Promise<void> {
  await client.query(CREATE_LEDGER);
}

export async function ledgerExists(client: ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`);
  return rows[0].exists;
}

export async function readLedger(client: ClientBase): Promise<LedgerRow[]> {
  const { rows } = await client.query<LedgerRow>(`SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name`);
  return rows;
}

export const isApplied = (row: LedgerRow) => row.finished_at !== null && row.rolled_back_at === null;
export const isFailed = (row: LedgerRow) => row.finished_at === null && row.rolled_back_at === null;

/** Written as Prisma writes a started migration, inside the migration's own transaction. */
export async function recordStarted(client: ClientBase, row: { id: string; checksum: string; name: string }): Promise<void> {
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [row.id, row.checksum, row.name],
  );
}

export async function recordFinished(client: ClientBase, id: string): Promise<void> {
  await client.query(
    `UPDATE "_prisma_migrations"
     SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1
     WHERE id = $1`,
    [id],
  );
}

/** A failure is recorded as Prisma records one: unfinished, with the error in logs. */
export async function recordFailed(
  client: ClientBase,
  row: { id: string; checksum: string; name: string; startedAt: Date; logs: string },
): Promise<void> {
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, logs, applied_steps_count)
     VALUES ($1, $2, $3, $4, $5, 0)`,
    [row.id, row.checksum, row.name, row.startedAt, row.logs],
  );
}

export async function markRolledBack(client: ClientBase, name: string): Promise<number> {
  const result = await client.query(
    `UPDATE "_prisma_migrations" SET rolled_back_at = now()
     WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
    [name],
  );
  return result.rowCount ?? 0;
}
