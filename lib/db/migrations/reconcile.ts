import { compareNames, type MigrationFile, matchesChecksum } from "./files";
import { isApplied, isFailed, type LedgerRow } from "./ledger";

export type MigrationState = "applied" | "pending" | "failed" | "edited" | "missing";

export interface MigrationEntry {
  name: string;
  state: MigrationState;
  file?: MigrationFile;
  row?: LedgerRow;
}

/** Where each migration stands, from the files on disk and the rows in _prisma_migrations. */
export function reconcile(files: MigrationFile[], rows: LedgerRow[]): MigrationEntry[] {
  const entries: MigrationEntry[] = files.map((file) => {
    const forName = rows.filter((row) => row.migration_name === file.name);
    const applied = forName.find(isApplied);
    if (applied) {
      const state = matchesChecksum(file.script, applied.checksum) ? "applied" : "edited";
      return { name: file.name, state, file, row: applied };
    }
    const failed = forName.find(isFailed);
    if (failed) return { name: file.name, state: "failed", file, row: failed };
    return { name: file.name, state: "pending", file };
  });
  const known = new Set(files.map((file) => file.name));
  for (const row of rows) {
    if (!known.has(row.migration_name) && (isApplied(row) || isFailed(row))) {
      entries.push({ name: row.migration_name, state: "missing", row });
    }
  }
  return entries.sort((a, b) => compareNames(a.name, b.name));
}
