import { cpSync } from "node:fs";
import path from "node:path";
import { DEFAULT_MIGRATIONS_DIR } from "@/lib/db/migrations/files";
import { temporaryDirectory } from "./temp-dir";

/** A private copy of prisma/migrations that a test may edit. */
export function copyMigrations(): string {
  const dir = path.join(temporaryDirectory("memory-chat-migrations-"), "migrations");
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}
