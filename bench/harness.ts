import type { EventEmitter } from "node:events";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { type RunningDatabase, startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrations/runner";
import { everyLimitAt } from "../lib/limits/limit-variables";
import type { Message } from "./chat-history";

export interface Metric {
  scenario: string;
  name: string;
  value: number;
  unit: string;
  /** A target such as "<= 1.5"; met is judged against value. */
  target?: { op: "<=" | ">="; value: number };
  met?: boolean;
  conditions: Record<string, string | number | boolean>;
}

export interface FreshDatabase {
  url: string;
  /** CPU time (ms) the server has used so far: its postmaster and every backend, live or exited. */
  cpuMs(): number;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** A fresh embedded PostgreSQL with the schema migrated: every scenario gets its own. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const parent = mkdtempSync(path.join(os.tmpdir(), "memory-chat-bench-"));
  chmodSync(parent, 0o755);
  const server: RunningDatabase = await startEmbeddedPostgres({
    dataDir: path.join(parent, "pg"),
    port: 57432,
    database: "bench",
    persistent: false,
  });
  await migrate({ databaseUrl: server.url });
  const pool = new pg.Pool({ connectionString: server.url, max: 4 });
  // An idle connection closed by the server (at its shutdown) is not the scenario's failure.
  pool.on("error", () => {});
  const postmaster = Number(readFileSync(path.join(parent, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  return {
    url: server.url,
    cpuMs: () => serverCpuMs(postmaster),
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    stop: async () => {
      await pool.end();
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const median = (values: number[]) => percentile(values, 50);

export async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - started) / 1e6, result];
}

export function metric(
  scenario: string,
  name: string,
  value: number,
  unit: string,
  conditions: Metric["conditions"],
  target?: Metric["target"],
): Metric {
  const rounded = Math.round(value * 1000) / 1000;
  const met = target && (target.op === "<=" ? rounded <= target.value : rounded >= target.value);
  return { scenario, name, value: rounded, unit, conditions, ...(target && { target, met }) };
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/**
 * One load client sends everything, so the limits are set where they count every request but refuse
 * none: the limiter's statement still runs on every turn (its cost is scenario 8's subject).
 */
const BENCH_LIMITS = everyLimitAt("100000");

/**
 * Runs one scenario in this process on a fresh database, configured for benchmarking (offline model,
 * no delay), and prints its metrics for bench/run.ts. App modules must be imported inside `work`,
 * after the environment is set.
 */
export async function runScenario(work: (context: { quick: boolean; database: FreshDatabase }) => Promise<Metric[]>): Promise<void> {
  const quick = process.argv.includes("--quick");
  const database = await freshDatabase();
  // Recall by words, as the scenarios measured it before the encoder; scenario 17 turns the encoder on.
  Object.assign(
    process.env,
    { DATABASE_URL: database.url, OFFLINE_MODEL_DELAY_MS: "0", DATABASE_POOL_SIZE: "20", MEMORY_EMBEDDINGS: "off" },
    BENCH_LIMITS,
  );
  try {
    const metrics = await work({ quick, database });
    console.log(`RESULT ${JSON.stringify(metrics)}`);
  } finally {
    await database.stop();
  }
  process.exit(0);
}

/** The app modules a persistence scenario drives; imported only once the environment points at its database. */
export async function appModules() {
  const [chatTurn, afterTurn, model, env, extract] = await Promise.all([
    import("../lib/conversations/turn/chat-turn"),
    import("../lib/conversations/turn/after-turn"),
    import("../lib/ai/model"),
    import("../lib/env"),
    import("../lib/memory/extract-offline"),
  ]);
  return {
    beginTurn: (conversationId: string, userMessageId: string, text: string) =>
      chatTurn.beginTurn({ conversationId, userMessageId, text, model: null }, "bench"),
    finishTurn: chatTurn.finishTurn,
    foldWindow: afterTurn.foldWindow,
    chatModel: model.chatModel,
    memoryLimits: env.memoryLimits,
    extractOffline: extract.extractOffline,
  };
}

/**
 * Counts the statements sent through `pool` (the app's) from now on; the returned function stops
 * counting and gives the count.
 */
export function countStatements(pool: pg.Pool): () => number {
  let statements = 0;
  const query = pool.query;
  pool.query = ((...args: Parameters<typeof query>) => {
    statements++;
    return query.apply(pool, args);
  }) as typeof query;
  return () => {
    pool.query = query;
    return statements;
  };
}

/** Linux's clock ticks per second in /proc (USER_HZ), the same on every common build. */
const TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces): [0] is the state (field 3). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // exited, or not Linux
  }
}

/** CPU time (user + system, all threads) the processes `pids` have used so far, in ms; 0 for one that is gone. */
export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** A PostgreSQL server's CPU time so far (ms): the postmaster, its live backends, and those that exited (reaped into its own count). */
function serverCpuMs(postmaster: number): number {
  const own = statFields(postmaster);
  if (!own) return 0;
  const children = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => statFields(pid)?.[1] === String(postmaster));
  const reaped = ((Number(own[13]) + Number(own[14])) * 1000) / TICKS_PER_SECOND;
  return cpuMs([postmaster, ...children]) + reaped;
}

/** Resolves once `url` answers 200: a server the scenario started is up. */
export async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** What a load run against one route gave: requests answered 2xx, failures, and its length from the responses. */
export interface LoadResult {
  ok: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

/**
 * POSTs `amount` JSON bodies made by `body(n)`, with `headers(n)`, to `url` over `connections` connections (autocannon). The
 * run lasts from its start to its last response: autocannon itself notices the end only at its next
 * one-second sampling tick.
 */
export async function postLoad(
  url: string,
  connections: number,
  amount: number,
  body: (n: number) => unknown,
  headers: (n: number) => Record<string, string> = () => ({}),
): Promise<LoadResult> {
  let next = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    connections,
    amount,
    timeout: 30,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => {
          const n = next++;
          return { ...request, body: JSON.stringify(body(n)), headers: { ...request.headers, ...headers(n) } };
        },
      },
    ],
  }) as unknown as EventEmitter & Promise<autocannon.Result>;
  const started = performance.now();
  let lastResponse = started;
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    lastResponse = performance.now();
  });
  const result = await instance;
  return {
    ok: result["2xx"],
    errors: result.errors + result.timeouts + result.non2xx,
    seconds: (lastResponse - started) / 1000,
    latencies,
  };
}

/** Imports one transcript through the import route, as a browser's upload would, and returns its conversation's id. */
export async function importTranscript(messages: Message[]): Promise<string> {
  const { POST } = await import("../app/api/conversations/import/route");
  const response = await POST(
    new Request("http://localhost/api/conversations/import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "bench", messages }),
    }),
  );
  if (response.status !== 201) throw new Error(`import failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { conversations: { id: string }[] }).conversations[0].id;
}
