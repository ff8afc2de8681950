import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const made = new Set<string>();

/** A new directory in the system's temp dir, readable by the embedded server's own user. */
export function temporaryDirectory(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  made.add(dir);
  return dir;
}

/**
 * Removes every directory temporaryDirectory made in this process (a file's afterAll, once its servers
 * stopped): a run of the suite leaves nothing behind, where a PostgreSQL data directory is 50–200 MB.
 */
export function removeTemporaryDirectories(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
