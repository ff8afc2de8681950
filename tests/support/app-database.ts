import { beforeAll } from "vitest";
import { migrate } from "@/lib/db/migrations/runner";
import { createTestDatabase } from "./database";

/**
 * Gives the test file's app code (route, actions, lib) its own migrated database. Call at the top
 * level of a test file, before anything reads the configuration.
 */
export function setUpAppDatabase(extraEnv: Record<string, string> = {}): { url: () => string } {
  let url = "";
  beforeAll(async () => {
    url = await createTestDatabase();
    await migrate({ databaseUrl: url });
    Object.assign(process.env, { DATABASE_URL: url, OFFLINE_MODEL_DELAY_MS: "0", ...extraEnv });
  });
  return { url: () => url };
}
