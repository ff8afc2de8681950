// Scenario 17: the built-in sentence encoder (MEMORY_EMBEDDINGS=builtin). Recall before the first
// token with the question embedded by the real encoder, on a 2,000- and a 20,000-message conversation
// (their stored vectors are random, under the encoder's key: embedding 20,000 messages for real would
// take minutes and measure nothing more); a 600-message import, its answer and the event loop while
// its messages are embedded for real; resident memory with the encoder loaded; and HTTP turns at c=32
// against the standalone server with the encoder and without.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { chat } from "../chat-history";
import { importTranscript, type Metric, median, metric, percentile, postLoad, runScenario, timed, waitForServer } from "../harness";
import { generateEvalSet } from "../memory-eval/generate-set";

const PORT = 3417;

/** Turns a second at c=32 over 64 conversations, against the standalone server with `embeddings`. */
async function turnsPerSecond(embeddings: "off" | "builtin", amount: number): Promise<number> {
  const server = spawn("node", [".next/standalone/server.js"], {
    env: { ...process.env, MEMORY_EMBEDDINGS: embeddings, PORT: String(PORT), HOSTNAME: "0.0.0.0", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(`http://localhost:${PORT}/`, 60_000);
    const ids = Array.from({ length: 64 }, () => randomUUID());
    const { ok, seconds } = await postLoad(`http://localhost:${PORT}/api/chat`, 32, amount, (n) => ({
      id: ids[n % ids.length],
      message: {
        id: randomUUID(),
        role: "user",
        parts: [{ type: "text", text: `Turn ${n}: what would ${n % 40} seats cost on plan ${n % 5}?` }],
      },
    }));
    return ok / seconds;
  } finally {
    server.kill();
  }
}

await runScenario(async ({ quick }) => {
  process.env.MEMORY_EMBEDDINGS = "builtin";
  const [{ recall }, { loadMemory }, { embedRecallable }, queries, vectors, { BUILTIN_ENCODER_KEY, sentenceEncoder }] = await Promise.all([
    import("../../lib/conversations/recall"),
    import("../../lib/conversations/memory-store"),
    import("../../lib/conversations/semantic-recall"),
    import("../../lib/db/queries/recall-queries"),
    import("../../lib/memory/embedding-vectors"),
    import("../../lib/ai/encoder/sentence-encoder"),
  ]);
  const randomVector = () => vectors.unitVector(Array.from({ length: 512 }, () => Math.random() - 0.5));
  /** Random vectors under the encoder's key for every message, so the question's search has them all to rank. */
  const fillVectors = async (id: string) => {
    for (
      let batch = await queries.selectUnembedded(id, BUILTIN_ENCODER_KEY, 2_147_483_647, 1_000);
      batch.length > 0;
      batch = await queries.selectUnembedded(id, BUILTIN_ENCODER_KEY, 2_147_483_647, 1_000)
    ) {
      await queries.upsertEmbeddings(
        id,
        BUILTIN_ENCODER_KEY,
        batch.map((row) => {
          const vector = randomVector();
          return { seq: row.seq, signs: vectors.signBits(vector), vector: vectors.encodeVector(vector) };
        }),
      );
    }
  };

  // Resident memory before the encoder loads, and once it has embedded what a busy instance gives it.
  const before = process.memoryUsage().rss;
  const questions = generateEvalSet().questions.map((question) => question.question);
  await sentenceEncoder().embed(questions.slice(0, 8));
  await sentenceEncoder().embed(
    chat(64, 7)
      .map((message) => message.content)
      .slice(0, 8),
  );
  const loaded = process.memoryUsage().rss;

  const searches = quick ? 40 : 150;
  const costs: Record<number, number[]> = {};
  for (const size of [2_000, 20_000]) {
    const id = await importTranscript(chat(size, 99));
    await fillVectors(id);
    const { memory } = await loadMemory(id);
    for (const question of questions.slice(0, 10)) await recall(id, memory, question, 2_400);
    costs[size] = [];
    for (const question of questions.slice(10, 10 + searches))
      costs[size].push((await timed(() => recall(id, memory, question, 2_400)))[0]);
  }

  // A 600-message import answers, then its messages are embedded for real while the event loop is watched.
  const [importMs, id] = await timed(() => importTranscript(chat(600, 5)));
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // Meanwhile a question now and then, as the conversation's user would ask: how long its embedding waits.
  let embedding = true;
  const questionWaits: number[] = [];
  const asking = (async () => {
    for (let n = 0; embedding; n++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      questionWaits.push((await timed(() => sentenceEncoder().embed([questions[n % questions.length]], { urgent: true })))[0]);
    }
  })();
  const [embedMs] = await timed(async () => {
    while ((await embedRecallable(id, "bench")) > 0);
  });
  embedding = false;
  await asking;
  delay.disable();

  const amount = quick ? 300 : 1_000;
  const off = await turnsPerSecond("off", amount);
  const builtin = await turnsPerSecond("builtin", amount);

  const small = median(costs[2_000]);
  const large = median(costs[20_000]);
  const conditions = { searches, model: BUILTIN_ENCODER_KEY };
  return [
    metric("17 encoder", "recall p50 with the question's embedding, 2,000 messages", small, "ms", conditions, { op: "<=", value: 15 }),
    metric("17 encoder", "recall p50 with the question's embedding, 20,000 messages", large, "ms", conditions),
    metric("17 encoder", "recall p50 ratio 20,000 / 2,000", large / small, "x", conditions, { op: "<=", value: 1.5 }),
    metric("17 encoder", "import a 600-message transcript (embedding after)", importMs, "ms", { runs: 1 }, { op: "<=", value: 2_000 }),
    metric("17 encoder", "embed that import's 600 messages", embedMs, "ms", { runs: 1 }),
    metric(
      "17 encoder",
      "event-loop delay p99 while they are embedded",
      delay.percentile(99) / 1e6,
      "ms",
      { runs: 1 },
      { op: "<=", value: 20 },
    ),
    metric("17 encoder", "a question's embedding meanwhile, p50", median(questionWaits), "ms", { questions: questionWaits.length }),
    metric("17 encoder", "a question's embedding meanwhile, p95", percentile(questionWaits, 95), "ms", { questions: questionWaits.length }),
    metric("17 encoder", "resident memory added by the loaded encoder", (loaded - before) / 1_000_000, "MB", {}, { op: "<=", value: 150 }),
    metric(
      "17 encoder",
      "HTTP turns at c=32, encoder / off",
      builtin / off,
      "x",
      { off, builtin, requests: amount },
      { op: ">=", value: 0.5 },
    ),
  ] satisfies Metric[];
});
