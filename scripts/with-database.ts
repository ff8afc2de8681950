// Usage: tsx scripts/with-database.ts <command> [args...]
// Provides a migrated database (embedded unless DATABASE_URL is set), then runs the command with
// DATABASE_URL pointing at it, and stops the embedded server when the command ends.
import { spawn } from "node:child_process";
import { migrate } from "../lib/db/migrations/runner";
import { provisionDatabase } from "../lib/db/provision";
import { env } from "../lib/env";
import { exitOnError, log } from "./cli";

const [command, ...args] = process.argv.slice(2);
if (!command) exitOnError(new Error("usage: tsx scripts/with-database.ts <command> [args...]"));

const config = env();
const database = await provisionDatabase(config, log).catch(exitOnError);
try {
  const applied = await migrate({ databaseUrl: database.url, log });
  log(applied.length ? `Migrations applied: ${applied.length}.` : "Database schema is up to date.");
} catch (error) {
  await database.stop();
  exitOnError(error);
}

const child = spawn(command, args, {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    // The standalone server listens on $HOSTNAME, which some shells and containers set to the
    // machine's name: all interfaces, as `next start` did.
    HOSTNAME: "0.0.0.0",
    // The app settles replies in progress on SIGTERM/SIGINT itself (instrumentation.ts); `next dev`
    // would otherwise kill its worker 100 ms after the signal.
    NEXT_MANUAL_SIG_HANDLE: "true",
    NEXT_EXIT_TIMEOUT_MS: "15000",
  },
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", async (code, signal) => {
  await database.stop();
  process.exit(code ?? (signal ? 128 : 1));
});
