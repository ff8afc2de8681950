import { type ChildProcess, spawn } from "node:child_process";
import { databaseUrlOf, expect } from "./fixtures";

// More standalone server instances, on the suite's database and sharing nothing else, for the tests
// about several instances and about settings the suite's own servers cannot have.
const servers = new Map<number, ChildProcess>();

/** Starts the build's standalone server on `port` and waits until it answers; `env` overrides the suite's. */
export async function startInstance(port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn("node", [".next/standalone/server.js"], {
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "0.0.0.0",
      DATABASE_URL: databaseUrlOf("app"),
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_MANUAL_SIG_HANDLE: "true",
      ...env,
    },
  });
  servers.set(port, child);
  await expect(async () => expect((await fetch(`http://localhost:${port}/`)).ok).toBe(true)).toPass({ timeout: 30_000 });
  return child;
}

/** Sends `signal` to the instance on `port` (and its children), and forgets it. */
export function killInstance(port: number, signal: NodeJS.Signals): void {
  const child = servers.get(port);
  if (child?.pid) process.kill(-child.pid, signal);
  servers.delete(port);
}
