import { spawnSync } from "node:child_process";

/** Runs an SQL file exactly as the rollback instructions say: psql -d <db> -f <file>. */
export function psqlFile(databaseUrl: string, file: string): { status: number | null; output: string } {
  const result = spawnSync("psql", ["-X", "-q", "-d", databaseUrl, "-f", file], { encoding: "utf8" });
  if (result.error) {
    throw new Error(`psql is needed for this test (Debian: apt-get install postgresql-client): ${result.error.message}`);
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
