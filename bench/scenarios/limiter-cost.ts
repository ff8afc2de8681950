// Scenario 8: what the abuse limits add to a turn: the one statement (CONSUME_LIMITS) that counts a
// turn against its client, its conversation and everyone, and the live replies, at concurrency 1 and
// 32. At c=32, wall time over checks is what each turn pays in throughput; every turn shares the
// "turns:all" row, so this also shows that lock's ceiling.
import { randomUUID } from "node:crypto";
import { median, metric, percentile, runScenario } from "../harness";

await runScenario(async ({ quick, database }) => {
  const [{ enforceTurnLimits }, { chatModel }, { abuseLimits }] = await Promise.all([
    import("../../lib/limits/enforce-limits"),
    import("../../lib/ai/model"),
    import("../../lib/env"),
  ]);
  const handle = chatModel();
  const limits = abuseLimits();
  const conversations = Array.from({ length: 64 }, () => randomUUID());
  // Turns in conversations that exist, as most turns are (a first turn also counts two more keys).
  await database.query(`INSERT INTO "Conversation" ("id") SELECT unnest($1::uuid[])`, [conversations]);
  const check = (i: number) =>
    enforceTurnLimits({ client: `10.0.${i % 32}.1`, conversationId: conversations[i % 64], text: `Turn ${i}` }, handle, limits);

  const run = async (connections: number, amount: number) => {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < amount) {
          const i = next++;
          const t = performance.now();
          await check(i);
          latencies.push(performance.now() - t);
        }
      }),
    );
    return { perTurnMs: (performance.now() - started) / amount, latencies };
  };

  await run(32, 500); // seeds every key, warms the pool and the statement's plan
  const metrics = [];
  for (const connections of [1, 32]) {
    // Rounds, and their median: a shared 2-core machine varies by a third from one second to the next.
    const amount = quick ? 1_000 : 4_000;
    const rounds = [];
    for (let round = 0; round < 5; round++) rounds.push(await run(connections, amount));
    const perTurnMs = median(rounds.map((r) => r.perTurnMs));
    const latencies = rounds.flatMap((r) => r.latencies);
    const conditions = { connections, checks: amount, rounds: 5, clients: 32, conversations: 64, rows: "3 rate keys and the live replies" };
    metrics.push(
      metric(
        "8 Limiter",
        `cost per turn, c=${connections} (median of 5 rounds)`,
        perTurnMs,
        "ms",
        conditions,
        connections === 32 ? { op: "<=", value: 0.2 } : undefined,
      ),
      metric("8 Limiter", `latency p50, c=${connections}`, percentile(latencies, 50), "ms", conditions),
    );
  }
  return metrics;
});
