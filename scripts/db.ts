// Usage: tsx scripts/db.ts migrate [--to <name>] | rollback [--to <name>] | status | verify | resolve --rolled-back <name>
import { parseArgs } from "node:util";
import { migrate, migrationStatus, resolveRolledBack, rollback } from "../lib/db/migrations/runner";
import { verifyMemoryBuffer } from "../lib/db/migrations/verify";
import { provisionDatabase } from "../lib/db/provision";
import { env } from "../lib/env";
import { exitOnError, log } from "./cli";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { to: { type: "string" }, "rolled-back": { type: "string" } },
});
const [command] = positionals;

async function run(databaseUrl: string): Promise<number> {
  switch (command) {
    case "migrate": {
      const applied = await migrate({ databaseUrl, log, to: values.to });
      log(applied.length ? `Applied ${applied.length} migration(s).` : "Nothing to apply: the schema is up to date.");
      return 0;
    }
    case "rollback": {
      const undone = await rollback({ databaseUrl, log, to: values.to });
      log(undone.length ? `Rolled back ${undone.length} migration(s).` : "Nothing to roll back.");
      return 0;
    }
    case "resolve": {
      const name = values["rolled-back"];
      if (!name) throw new Error("usage: npm run db:resolve -- --rolled-back <migration name>");
      await resolveRolledBack({ databaseUrl, name });
      log(`Marked ${name} as rolled back.`);
      return 0;
    }
    case "status": {
      const entries = await migrationStatus({ databaseUrl });
      for (const entry of entries) {
        const when = entry.state === "applied" ? `  ${entry.row?.finished_at?.toISOString()}` : "";
        console.log(`${entry.state.padEnd(8)} ${entry.name}${when}`);
      }
      const pending = entries.filter((entry) => entry.state !== "applied").length;
      log(pending ? `${pending} migration(s) not applied cleanly.` : "All migrations are applied.");
      return pending ? 1 : 0;
    }
    case "verify": {
      const checks = await verifyMemoryBuffer(databaseUrl);
      for (const check of checks) {
        console.log(`${check.ok ? "PASS" : "FAIL"}  ${check.name}\n      ${check.detail}`);
      }
      const failed = checks.filter((check) => !check.ok).length;
      console.log(failed ? `\n${failed} of ${checks.length} checks failed.` : `\nAll ${checks.length} checks passed.`);
      return failed ? 1 : 0;
    }
    default:
      throw new Error(
        "usage: tsx scripts/db.ts migrate [--to <name>] | rollback [--to <name>] | status | verify | resolve --rolled-back <name>",
      );
  }
}

const database = await provisionDatabase(env(), log).catch(exitOnError);
let code = 1;
try {
  code = await run(database.url);
} catch (error) {
  await database.stop();
  exitOnError(error);
}
await database.stop();
process.exit(code);
