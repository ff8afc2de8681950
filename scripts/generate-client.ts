// `prisma generate` needs no schema engine, but the CLI insists on one being present and would
// download it; any existing file satisfies the check where nothing can be downloaded.
import { spawnSync } from "node:child_process";

const result = spawnSync("prisma", ["generate"], {
  stdio: "inherit",
  env: { PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, ...process.env },
});
process.exit(result.status ?? 1);
