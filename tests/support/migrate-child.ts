// A migration runner in its own process, for tests that kill it: tsx tests/support/migrate-child.ts <url> <dir>
import { migrate } from "../../lib/db/migrations/runner";

await migrate({ databaseUrl: process.argv[2], migrationsDir: process.argv[3] });
console.log("MIGRATED");
