// Scenario 7: long-term recall before the first token, on a 2,000- and a 20,000-message conversation
// (imported, so memory and the recall index are as real turns leave them), beside 40 other
// conversations sharing the table; and the import of a 600-message transcript. Also the database side of
// the optional embedding search (lib/conversations/semantic-recall.ts), on random vectors.

import { monitorEventLoopDelay } from "node:perf_hooks";
import { chat } from "../chat-history";
import { importTranscript, median, metric, percentile, runScenario, timed } from "../harness";
import { generateEvalSet } from "../memory-eval/generate-set";

await runScenario(async ({ quick }) => {
  const [{ recall }, { loadMemory }, { nearestMessages }, queries, vectors] = await Promise.all([
    import("../../lib/conversations/recall"),
    import("../../lib/conversations/memory-store"),
    import("../../lib/conversations/semantic-recall"),
    import("../../lib/db/queries/recall-queries"),
    import("../../lib/memory/embedding-vectors"),
  ]);
  // Embedding search without the embedding call: random 512-dimension vectors stand in for a model's.
  const randomVector = () => vectors.unitVector(Array.from({ length: 512 }, () => Math.random() - 0.5));
  const embedAll = async (id: string) => {
    for (
      let batch = await queries.selectUnembedded(id, "bench", 2_147_483_647, 1_000);
      batch.length > 0;
      batch = await queries.selectUnembedded(id, "bench", 2_147_483_647, 1_000)
    ) {
      const embedded = batch.map((row) => {
        const vector = randomVector();
        return { seq: row.seq, signs: vectors.signBits(vector), vector: vectors.encodeVector(vector) };
      });
      await queries.upsertEmbeddings(id, "bench", embedded);
    }
  };

  for (let i = 0; i < (quick ? 10 : 40); i++) await importTranscript(chat(500, 1_000 + i));
  const questions = generateEvalSet().questions.map((question) => question.question);
  const searches = quick ? 100 : questions.length;
  const costs: Record<number, number[]> = {};
  const nearest: Record<number, number[]> = {};
  let stallMs = 0;
  let largeImportMs = 0;
  for (const size of [2_000, 20_000]) {
    const body = chat(size, 99);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const [ms, id] = await timed(() => importTranscript(body));
    delay.disable();
    if (size === 20_000) {
      stallMs = delay.max / 1e6;
      largeImportMs = ms;
    }
    const { memory } = await loadMemory(id);
    for (const question of questions.slice(0, 20)) await recall(id, memory, question, 1_000);
    costs[size] = [];
    for (const question of questions.slice(0, searches)) costs[size].push((await timed(() => recall(id, memory, question, 1_000)))[0]);
    await embedAll(id);
    nearest[size] = [];
    for (let i = 0; i < searches; i++) {
      const query = randomVector();
      nearest[size].push((await timed(() => nearestMessages(id, "bench", query, size + 1)))[0]);
    }
  }

  const transcript = chat(600, 5);
  const imports: number[] = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) imports.push((await timed(() => importTranscript(transcript)))[0]);

  const conditions = { searches, budgetTokens: 1_000, otherConversations: quick ? 10 : 40 };
  const small = median(costs[2_000]);
  const large = median(costs[20_000]);
  return [
    metric("7 recall", "recall p50, 2,000 messages", small, "ms", conditions, { op: "<=", value: 3 }),
    metric("7 recall", "recall p95, 2,000 messages", percentile(costs[2_000], 95), "ms", conditions),
    metric("7 recall", "recall p50, 20,000 messages", large, "ms", conditions),
    metric("7 recall", "recall p95, 20,000 messages", percentile(costs[20_000], 95), "ms", conditions),
    metric("7 recall", "recall p50 ratio 20,000 / 2,000", large / small, "x", conditions, { op: "<=", value: 1.5 }),
    metric("7 recall", "embedding search p50 (no model call), 2,000 messages", median(nearest[2_000]), "ms", { searches, dimensions: 512 }),
    metric("7 recall", "embedding search p50 (no model call), 20,000 messages", median(nearest[20_000]), "ms", {
      searches,
      dimensions: 512,
    }),
    metric("7 recall", "import a 20,000-message transcript", largeImportMs, "ms", { runs: 1 }),
    metric("7 recall", "longest event-loop stall during that import", stallMs, "ms", { runs: 1 }, { op: "<=", value: 100 }),
    metric(
      "7 recall",
      "import a 600-message transcript, median",
      median(imports),
      "ms",
      { runs: imports.length },
      { op: "<=", value: 2_000 },
    ),
  ];
});
