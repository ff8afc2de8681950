// Scenario 13: the framework's ceiling for a turn. The same standalone server answers turns
// (POST /api/chat, offline model at 0 ms a token, 64 conversations) and POST /api/bench/ceiling, a
// route that does only what surrounds a turn (the cross-site check, a bounded JSON body, an AI SDK
// stream of a reply the size of a turn's) with no database, model or memory. Turns per second as a
// share of the ceiling's requests per second, at concurrency 8 and 32, each run alone, and the CPU time each request
// costs the server, PostgreSQL and the load client (from /proc).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpuMs, type LoadResult, type Metric, metric, percentile, postLoad, runScenario, waitForServer } from "../harness";

const PORT = 3410;

await runScenario(async ({ quick, database }) => {
  const child = spawn("node", [".next/standalone/server.js"], {
    // Behind a proxy that names the client: each conversation is a user of its own (below).
    env: {
      ...process.env,
      PORT: String(PORT),
      HOSTNAME: "0.0.0.0",
      NEXT_TELEMETRY_DISABLED: "1",
      BENCH_CEILING: "1",
      TRUST_PROXY_HOPS: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(`http://localhost:${PORT}/`, 60_000);
    const ids = Array.from({ length: 64 }, () => randomUUID());
    const body = (n: number) => ({
      id: ids[n % ids.length],
      message: {
        id: randomUUID(),
        role: "user",
        parts: [{ type: "text", text: `Turn ${n}: what would ${n % 40} seats cost on plan ${n % 5}?` }],
      },
    });
    // Each conversation's turns come from a client of its own (198.18.0.0/15 is for benchmarks): one
    // client sending every turn would queue them all on its limiter rows, which no real load does.
    const client = (n: number) => ({ "x-forwarded-for": `198.18.0.${n % ids.length}` });
    const metrics: Metric[] = [];
    for (const connections of [8, 32]) {
      const amount = quick ? connections * 20 : connections * 60;
      // Warm both paths first (JIT, prepared statements, the route bundles).
      await postLoad(`http://localhost:${PORT}/api/bench/ceiling`, connections, connections * 5, body, client);
      await postLoad(`http://localhost:${PORT}/api/chat`, connections, connections * 5, body, client);
      /** A run, with the CPU time per request of the server, of PostgreSQL and of this load client. */
      const measured = async (path: string): Promise<LoadResult & { cpu: Record<"server" | "database" | "client", number> }> => {
        const server = [child.pid ?? 0];
        const before = { server: cpuMs(server), database: database.cpuMs(), client: cpuMs([process.pid]) };
        const run = await postLoad(`http://localhost:${PORT}${path}`, connections, amount, body, client);
        const perRequest = (ms: number) => ms / Math.max(run.ok, 1);
        return {
          ...run,
          cpu: {
            server: perRequest(cpuMs(server) - before.server),
            database: perRequest(database.cpuMs() - before.database),
            client: perRequest(cpuMs([process.pid]) - before.client),
          },
        };
      };
      const ceiling = await measured("/api/bench/ceiling");
      const turns = await measured("/api/chat");
      const conditions = { connections, requests: amount, model: "offline, 0 ms per token", conversations: ids.length };
      const name = "13 framework ceiling";
      metrics.push(
        metric(name, `ceiling (a trivial streaming route), c=${connections}`, ceiling.ok / ceiling.seconds, "requests/s", conditions),
        metric(name, `turns, c=${connections}`, turns.ok / turns.seconds, "turns/s", conditions),
        metric(
          name,
          `turns / ceiling, c=${connections}`,
          turns.ok / turns.seconds / (ceiling.ok / ceiling.seconds),
          "x",
          conditions,
          connections === 32 && !quick ? { op: ">=", value: 0.6 } : undefined,
        ),
        metric(name, `ceiling latency p50, c=${connections}`, percentile(ceiling.latencies, 50), "ms", conditions),
        metric(name, `turn latency p50, c=${connections}`, percentile(turns.latencies, 50), "ms", conditions),
        ...(["server", "database", "client"] as const).flatMap((part) => [
          metric(name, `ceiling ${part} CPU per request, c=${connections}`, ceiling.cpu[part], "ms", conditions),
          metric(name, `turn ${part} CPU per request, c=${connections}`, turns.cpu[part], "ms", conditions),
        ]),
        metric(name, `errors, c=${connections}`, ceiling.errors + turns.errors, "requests", conditions, { op: "<=", value: 0 }),
      );
    }
    return metrics;
  } finally {
    child.kill("SIGTERM");
  }
});
