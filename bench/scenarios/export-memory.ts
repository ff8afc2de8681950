// Scenario 9: exports stream in bounded memory. One conversation of about 160 MB (10,000 messages of
// 16,000 characters), exported alone and then 20 times at once through the route handler, each body
// read to its end; the process's resident memory is sampled meanwhile.
import { randomUUID } from "node:crypto";
import { metric, runScenario } from "../harness";

const MB = 1_048_576;

await runScenario(async ({ quick, database }) => {
  const { GET: exportRoute } = await import("../../app/api/conversations/[id]/export/route");
  const messages = quick ? 2_500 : 10_000;
  const id = randomUUID();
  await database.query(`INSERT INTO "Conversation" ("id", "title", "lastSeq") VALUES ($1, 'Export bench', $2)`, [id, messages]);
  // Text that does not compress, as real text barely does once TOASTed: what the export reads is what it writes.
  await database.query(
    `INSERT INTO "Message" ("conversationId", "seq", "role", "content")
     SELECT $1, g, CASE WHEN g % 2 = 1 THEN 'user' ELSE 'assistant' END::"MessageRole",
            (SELECT string_agg(md5(g::text || ':' || i::text), ' ') FROM generate_series(1, 485) i)
     FROM generate_series(1, $2) g`,
    [id, messages],
  );

  const exportOnce = async () => {
    const response = await exportRoute(new Request(`http://localhost/api/conversations/${id}/export?format=md`), {
      params: Promise.resolve({ id }),
    });
    if (response.status !== 200 || !response.body) return 0;
    const reader = response.body.getReader();
    let bytes = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
    return bytes;
  };
  const peakGrowth = async (work: () => Promise<number[]>) => {
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const sizes = await work();
    clearInterval(sampler);
    return { growth: (Math.max(peak, process.memoryUsage().rss) - base) / MB, sizes };
  };

  await exportOnce(); // warms the route, the pool and the statement's plan
  const single = await peakGrowth(async () => [await exportOnce()]);
  const concurrent = 20;
  const many = await peakGrowth(() => Promise.all(Array.from({ length: concurrent }, exportOnce)));
  const size = single.sizes[0];
  const complete = many.sizes.filter((bytes) => bytes === size).length;
  const conditions = { messages, charsPerMessage: 16_000, exportMiB: Math.round(size / MB) };
  return [
    metric("9 export", "size of one export", size / MB, "MiB", conditions),
    metric("9 export", "RSS growth, one export", single.growth, "MiB", conditions, quick ? undefined : { op: "<=", value: 50 }),
    metric("9 export", `RSS growth, ${concurrent} exports at once`, many.growth, "MiB", { ...conditions, concurrent }),
    metric(
      "9 export",
      `exports complete, ${concurrent} at once`,
      complete,
      "exports",
      { ...conditions, concurrent },
      { op: ">=", value: concurrent },
    ),
  ];
});
