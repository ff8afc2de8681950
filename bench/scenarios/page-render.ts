// Scenario 16: what the server's render of a page costs, whatever the conversation holds. The
// standalone server renders a shared page (/s/<token>, whose first page of messages is rendered on
// the server) and a conversation's page (/c/<id>) for conversations that froze or broke it before:
// 5 MB of code blocks without a language, 250 KB of Markdown tables per reply, and replies nested
// 2,000 levels deep. Server CPU per render (from /proc) and latency, each page requested in turn.
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { cpuMs, type Metric, median, metric, percentile, runScenario, waitForServer } from "../harness";

const PORT = 3416;

/** SQL for each kind of reply, of message number n. */
const REPLIES: Record<string, string> = {
  "5 MB of code blocks": `'Reply ' || n || E'\\n\`\`\`\\n' || repeat(E'const x = 1; // hello\\n', 4490) || '\`\`\`'`,
  "Markdown tables": `'Reply ' || n || E'\\n| a | b |\\n|-|-|\\n' || repeat(E'| **x** | y |\\n', 20000)`,
  "2,000 nested quotes": `'Reply ' || n || E'\\n' || repeat('>', 2000)`,
};

await runScenario(async ({ quick, database }) => {
  const pages: { kind: string; shared: string; own: string }[] = [];
  for (const [kind, reply] of Object.entries(REPLIES)) {
    const id = randomUUID();
    await database.query(`INSERT INTO "Conversation" (id, title, "lastSeq") VALUES ($1, $2, 100)`, [id, kind]);
    await database.query(
      `INSERT INTO "Message" ("conversationId", seq, role, content)
       SELECT $1, n, CASE WHEN n % 2 = 1 THEN 'user'::"MessageRole" ELSE 'assistant'::"MessageRole" END,
         CASE WHEN n % 2 = 1 THEN 'Question ' || n ELSE ${reply} END
       FROM generate_series(1, 100) n`,
      [id],
    );
    const token = randomBytes(24).toString("base64url");
    await database.query(`INSERT INTO "ShareLink" (token, "conversationId", "throughSeq") VALUES ($1, $2, 100)`, [token, id]);
    pages.push({ kind, shared: `/s/${token}`, own: `/c/${id}` });
  }

  const child = spawn("node", [".next/standalone/server.js"], {
    env: { ...process.env, PORT: String(PORT), HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/`, 60_000);
    const rounds = quick ? 5 : 20;
    const metrics: Metric[] = [];
    for (const { kind, shared, own } of pages) {
      for (const [page, path] of [
        ["shared page", shared],
        ["conversation page", own],
      ] as const) {
        const get = async () => {
          const response = await fetch(`http://127.0.0.1:${PORT}${path}`);
          if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
          return (await response.arrayBuffer()).byteLength;
        };
        await get();
        const cpu: number[] = [];
        const latency: number[] = [];
        let bytes = 0;
        for (let i = 0; i < rounds; i++) {
          const before = cpuMs([child.pid ?? 0]);
          const started = performance.now();
          bytes = await get();
          latency.push(performance.now() - started);
          cpu.push(cpuMs([child.pid ?? 0]) - before);
        }
        const conditions = { conversation: kind, messages: 100, rounds, pageBytes: bytes };
        const name = "16 page render";
        metrics.push(
          metric(name, `${page}, ${kind}: server CPU per render (median)`, median(cpu), "ms", conditions),
          metric(name, `${page}, ${kind}: server CPU per render (max)`, Math.max(...cpu), "ms", conditions, { op: "<=", value: 200 }),
          metric(name, `${page}, ${kind}: latency p95`, percentile(latency, 95), "ms", conditions),
        );
      }
    }
    return metrics;
  } finally {
    child.kill("SIGTERM");
  }
});
