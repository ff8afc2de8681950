// Scenario 2: real POST /api/chat turns against the standalone server (`npm start`'s), at concurrency 1, 8 and 32, spread over 64
// conversations and all on one conversation; then every turn is counted in the database.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { type Metric, metric, percentile, postLoad, runScenario, waitForServer } from "../harness";

const PORT = 3400;

await runScenario(async ({ quick, database }) => {
  const server = spawn("node", [".next/standalone/server.js"], {
    env: { ...process.env, PORT: String(PORT), HOSTNAME: "0.0.0.0", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(`http://localhost:${PORT}/`, 60_000);
    const metrics: Metric[] = [];
    for (const connections of [1, 8, 32]) {
      for (const layout of ["64 conversations", "one conversation"] as const) {
        const ids = layout === "one conversation" ? [randomUUID()] : Array.from({ length: 64 }, () => randomUUID());
        const amount = quick ? Math.max(200, connections * 20) : Math.max(1000, connections * 60);
        const { ok, errors, seconds, latencies } = await postLoad(`http://localhost:${PORT}/api/chat`, connections, amount, (n) => ({
          id: ids[n % ids.length],
          message: {
            id: randomUUID(),
            role: "user",
            parts: [{ type: "text", text: `Turn ${n}: what would ${n % 40} seats cost on plan ${n % 5}?` }],
          },
        }));
        await new Promise((resolve) => setTimeout(resolve, 500));
        const [counts] = await database.query<{ users: number; complete: number; other: number }>(
          `SELECT count(*) FILTER (WHERE role = 'user')::int AS users,
                  count(*) FILTER (WHERE role = 'assistant' AND status = 'complete')::int AS complete,
                  count(*) FILTER (WHERE role = 'assistant' AND status <> 'complete')::int AS other
           FROM "Message" WHERE "conversationId" = ANY($1::uuid[])`,
          [ids],
        );
        const persisted = counts.users === ok && counts.complete === ok && counts.other === 0;
        const conditions = { connections, layout, requests: amount, model: "offline, 0 ms per token" };
        const label = `c=${connections}, ${layout}`;
        metrics.push(
          metric("2 HTTP turns", `throughput, ${label}`, ok / seconds, "turns/s", conditions),
          metric("2 HTTP turns", `latency p50, ${label}`, percentile(latencies, 50), "ms", conditions),
          metric("2 HTTP turns", `latency p95, ${label}`, percentile(latencies, 95), "ms", conditions),
          metric("2 HTTP turns", `latency p99, ${label}`, percentile(latencies, 99), "ms", conditions),
          metric("2 HTTP turns", `errors, ${label}`, errors, "requests", conditions, { op: "<=", value: 0 }),
          metric(
            "2 HTTP turns",
            `turns not persisted exactly, ${label}`,
            persisted ? 0 : Math.abs(ok - counts.complete) + counts.other || 1,
            "turns",
            { ...conditions, ...counts, ok },
            { op: "<=", value: 0 },
          ),
        );
      }
    }
    return metrics;
  } finally {
    server.kill("SIGTERM");
  }
});
