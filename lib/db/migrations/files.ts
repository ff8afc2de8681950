import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const DEFAULT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export interface MigrationFile {
  name: string;
  /** migration.sql exactly as on disk. */
  script: string;
  checksum: string;
  rollbackPath: string;
}

/** Prisma's checksum: lowercase hex SHA-256 of migration.sql. */
export function checksumOf(script: string): string {
  return createHash("sha256").update(script).digest("hex");
}

/** Like Prisma, a checkout with other line endings still matches. */
export function matchesChecksum(script: string, checksum: string): boolean {
  return [script, script.replaceAll("\r\n", "\n"), script.replaceAll("\n", "\r\n")].some((variant) => checksumOf(variant) === checksum);
}

/** Byte order, the order Prisma applies migrations in. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The migrations in Prisma's layout: one folder each, holding migration.sql and rollback.sql. */
export function readMigrationFiles(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => {
      const script = readFileSync(path.join(dir, entry.name, "migration.sql"), "utf8");
      return {
        name: entry.name,
        script,
        checksum: checksumOf(script),
        rollbackPath: path.join(dir, entry.name, "rollback.sql"),
      };
    })
    .sort((a, b) => compareNames(a.name, b.name));
}

/** rollback.sql is written for psql; its meta-commands (such as \set ON_ERROR_STOP) mean nothing to the server. */
export function readRollbackScript(file: MigrationFile): string | undefined {
  if (!existsSync(file.rollbackPath)) return undefined;
  return readFileSync(file.rollbackPath, "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("\\"))
    .join("\n");
}
