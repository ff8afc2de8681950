import { MigrationError } from "../lib/db/migrations/migration-error";
import { EnvError } from "../lib/env";

export const log = (line: string) => console.log(`[db] ${line}`);

/** Operator-facing failures print their message alone; anything unexpected keeps its stack. */
export function exitOnError(error: unknown): never {
  if (error instanceof MigrationError || error instanceof EnvError) {
    console.error(`[db] ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
