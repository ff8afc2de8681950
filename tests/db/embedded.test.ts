import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { withClient } from "../support/database";
import { removeTemporaryDirectories, temporaryDirectory } from "../support/temp-dir";

// What this file made in the temp dir goes once it is done (its servers stop in their own tests).
afterAll(removeTemporaryDirectories);

/** A clean shutdown removes postmaster.pid; a crash would leave it behind. */
async function stoppedCleanly(dataDir: string): Promise<boolean> {
  for (let i = 0; i < 100 && existsSync(path.join(dataDir, "postmaster.pid")); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !existsSync(path.join(dataDir, "postmaster.pid"));
}

const tempDataDir = () => path.join(temporaryDirectory("memory-chat-embedded-"), "pg");

/** Runs `npm run`-style `with-database` in its own process group, as a terminal would. */
function startWithDatabase(dataDir: string, port: number) {
  const child = spawn(
    "node_modules/.bin/tsx",
    [
      "--conditions=react-server",
      "scripts/with-database.ts",
      process.execPath,
      "-e",
      "console.log('READY ' + process.env.DATABASE_URL); setInterval(() => {}, 1000)",
    ],
    {
      detached: true,
      env: { ...process.env, DATABASE_URL: "", EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(port) },
    },
  );
  let output = "";
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`exited with ${code} before ready:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, ready, exited };
}

describe("embedded PostgreSQL", () => {
  it("leaves a process's exit code alone, so failed tests and commands still fail", () => {
    const child = spawnSync("node_modules/.bin/tsx", ["tests/support/exit-code-child.ts"], { encoding: "utf8" });
    expect(child.status, child.stderr).toBe(3);
  });

  it("keeps data across restarts and reuses a server already running on the same directory", async () => {
    const dataDir = tempDataDir();
    const first = await startEmbeddedPostgres({ dataDir, port: 56010, database: "app" });
    expect(first.owned).toBe(true);
    await withClient(first.url, (client) => client.query(`CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('still here')`));

    const again = await startEmbeddedPostgres({ dataDir, port: 56010, database: "app" });
    expect(again).toMatchObject({ owned: false, url: first.url });
    await again.stop();
    await withClient(first.url, (client) => client.query("SELECT 1"));

    await first.stop();
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, port: 56010, database: "app" });
    const { rows } = await withClient(second.url, (client) => client.query("SELECT v FROM kept"));
    expect(rows).toEqual([{ v: "still here" }]);
    await second.stop();
  });

  it("takes the next free port when the preferred one is busy", async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const taken = (busy.address() as net.AddressInfo).port;
    const server = await startEmbeddedPostgres({ dataDir: tempDataDir(), port: taken, database: "a", persistent: false });
    const port = Number(new URL(server.url).port);
    expect(port).toBeGreaterThan(taken);
    expect(port).toBeLessThan(taken + 50);
    await withClient(server.url, (client) => client.query("SELECT 1"));
    await server.stop();
    busy.close();
  });

  it("migrates before the app command starts and shuts down cleanly on Ctrl-C, keeping the data", async () => {
    const dataDir = tempDataDir();
    const run = startWithDatabase(dataDir, 56030);
    const url = await run.ready;
    await withClient(url, async (client) => {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
      expect(rows[0].n).toBeGreaterThanOrEqual(5);
      await client.query(`INSERT INTO "Conversation" (title) VALUES ('survives Ctrl-C')`);
    });

    process.kill(-run.child.pid!, "SIGINT");
    await run.exited;
    expect(await stoppedCleanly(dataDir)).toBe(true);

    const rerun = startWithDatabase(dataDir, 56030);
    const urlAgain = await rerun.ready;
    const { rows } = await withClient(urlAgain, (client) => client.query(`SELECT title FROM "Conversation"`));
    expect(rows).toEqual([{ title: "survives Ctrl-C" }]);
    process.kill(-rerun.child.pid!, "SIGTERM");
    await rerun.exited;
    expect(await stoppedCleanly(dataDir)).toBe(true);
  });
});
