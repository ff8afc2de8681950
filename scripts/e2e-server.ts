// The server the end-to-end suite runs against: `next build`, then `next start` on a fresh
// embedded database, so every run starts from an empty, freshly migrated schema.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3100";
const dataDir = path.join(process.cwd(), ".data", "e2e-postgres");

const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

if (!process.env.DATABASE_URL) rmSync(dataDir, { recursive: true, force: true });
const server = spawn(
  "tsx",
  ["--conditions=react-server", "scripts/with-database.ts", "next", "start", "--port", port],
  { stdio: "inherit", env: { ...process.env, EMBEDDED_PG_DIR: dataDir } },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 1));
