// One app server for the end-to-end suite: the standalone server (of the build `npm test` made) over a fresh
// embedded database, or DATABASE_URL's server when set. It writes the database URL to
// .data/e2e-<name>.json so tests can check what was stored.
//   E2E_NAME=app E2E_PORT=3100 tsx scripts/e2e-server.ts
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { databaseUrl } from "../lib/db/embedded";
import { EMBEDDED_DATABASE } from "../lib/db/provision";

const name = process.env.E2E_NAME ?? "app";
const port = process.env.E2E_PORT ?? "3100";
const dataRoot = path.join(process.cwd(), ".data");
const dataDir = path.join(dataRoot, `e2e-${name}-postgres`);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port: free } = server.address() as net.AddressInfo;
      server.close(() => resolve(free));
    });
  });

const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!process.env.DATABASE_URL) {
  rmSync(dataDir, { recursive: true, force: true });
  const pgPort = await freePort();
  Object.assign(env, { EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) });
  env.E2E_DATABASE_URL = databaseUrl(pgPort, EMBEDDED_DATABASE);
}
mkdirSync(dataRoot, { recursive: true });
writeFileSync(path.join(dataRoot, `e2e-${name}.json`), JSON.stringify({ databaseUrl: process.env.DATABASE_URL ?? env.E2E_DATABASE_URL }));

const server = spawn("tsx", ["--conditions=react-server", "scripts/with-database.ts", "node", ".next/standalone/server.js"], {
  stdio: "inherit",
  env: { ...env, PORT: port },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 1));
