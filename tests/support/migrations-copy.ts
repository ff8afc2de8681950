import { cpSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_MIGRATIONS_DIR } from "@/lib/db/migrations/files";

/** A private copy of prisma/migrations that a test may edit. */
export function copyMigrations(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "memory-chat-migrations-")), "migrations");
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}
