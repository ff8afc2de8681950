import type { Env } from "../env";
import { defaultDataDir, type RunningDatabase, startEmbeddedPostgres } from "./embedded";

export const EMBEDDED_DATABASE = "memory_chat";

/** The configured server when DATABASE_URL is set, otherwise the embedded one. */
export async function provisionDatabase(env: Env, log?: (line: string) => void): Promise<RunningDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, owned: false, stop: async () => {} };
  return startEmbeddedPostgres({
    dataDir: env.EMBEDDED_PG_DIR ?? defaultDataDir(),
    port: env.EMBEDDED_PG_PORT,
    database: EMBEDDED_DATABASE,
    log,
  });
}
