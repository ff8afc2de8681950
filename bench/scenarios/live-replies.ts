// Scenario 14: many replies streaming at once on one instance, each through a real turn (startChatTurn,
// its stream read to the end as a client would) from a model that writes a token every 40 ms. While
// they stream: the age of the stored text (for each reply, how long ago the oldest token not yet in
// the database was generated; 0 when it holds everything), the app's statements per second, and the
// latency of a probe (a conversation page read through the same pool). Then every reply must end
// stored complete, with exactly the text generated. The pool is the default size (10).
import { randomUUID } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import { countStatements, metric, percentile, runScenario } from "../harness";

const TOKEN_MS = 40;
const TOKEN = "word ";
const SAMPLE_MS = 200;
const PROBE_MS = 100;

/** Tokens every TOKEN_MS until the scenario closes it; each reply's token times are kept by its prompt's last line. */
class SteadyModel extends BaseChatModel<BaseChatModelCallOptions> {
  open = true;
  readonly emitted = new Map<string, number[]>();

  _llmType(): string {
    return "bench-steady";
  }

  async _generate(): Promise<ChatResult> {
    return { generations: [{ text: TOKEN, message: new AIMessage(TOKEN) }] };
  }

  async *_streamResponseChunks(messages: BaseMessage[], options: this["ParsedCallOptions"]): AsyncGenerator<ChatGenerationChunk> {
    const key = String(messages.at(-1)?.content);
    const times: number[] = [];
    this.emitted.set(key, times);
    while (this.open) {
      await new Promise((resolve) => setTimeout(resolve, TOKEN_MS));
      options.signal?.throwIfAborted();
      times.push(performance.now());
      yield new ChatGenerationChunk({ text: TOKEN, message: new AIMessageChunk({ content: TOKEN }) });
    }
  }
}

const emittedTokens = (model: SteadyModel) => [...model.emitted.values()].reduce((sum, times) => sum + times.length, 0);

await runScenario(async ({ quick, database }) => {
  process.env.DATABASE_POOL_SIZE = "10";
  const [{ startChatTurn }, { pool }, { getConversationPage }, { settleRuns }] = await Promise.all([
    import("../../lib/conversations/turn/chat-turn"),
    import("../../lib/db/client"),
    import("../../lib/conversations/read"),
    import("../../lib/conversations/turn/reply-run"),
  ]);
  const seconds = quick ? 3 : 10;
  const levels = quick ? [100, 1_000] : [100, 500, 1_000, 2_000];
  const metrics = [];

  const probeId = randomUUID();
  const probeModel = new SteadyModel({});
  probeModel.open = false;
  const probeHandle = { kind: "offline" as const, name: "bench", model: probeModel, timeoutMs: 60_000 };
  const drain = async (stream: ReadableStream) => {
    const reader = stream.getReader();
    while (!(await reader.read()).done);
  };
  await drain(
    await startChatTurn(
      { conversationId: probeId, userMessageId: randomUUID(), text: "probe", model: null, fork: null },
      { signal: new AbortController().signal, client: "probe", handle: probeHandle },
    ),
  );
  await settleRuns();

  for (const replies of levels) {
    const model = new SteadyModel({});
    const handle = { kind: "offline" as const, name: "bench", model, timeoutMs: 60_000 };
    const conversations: string[] = Array.from({ length: replies }, () => randomUUID());
    const keyOf = new Map(conversations.map((id, i) => [id, `Reply ${replies}-${i}`]));
    const streams: Promise<void>[] = [];
    let next = 0;
    let refused = 0;
    // A turn refused (the pool had no connection in time, say) is counted, not retried.
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < replies) {
          const conversationId = conversations[next++];
          try {
            const stream = await startChatTurn(
              { conversationId, userMessageId: randomUUID(), text: keyOf.get(conversationId) ?? "", model: null, fork: null },
              { signal: new AbortController().signal, client: `bench-${conversationId}`, handle },
            );
            streams.push(drain(stream));
          } catch {
            refused++;
          }
        }
      }),
    );
    while (model.emitted.size < replies - refused || [...model.emitted.values()].some((times) => times.length === 0)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const counted = countStatements(pool());
    const ages: number[] = [];
    const probes: number[] = [];
    let probesFailed = 0;
    const tokensBefore = emittedTokens(model);
    const cpuBefore = process.cpuUsage();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    const deadline = started + seconds * 1_000;
    const probing = (async () => {
      while (performance.now() < deadline) {
        const before = performance.now();
        // A probe that fails (no connection from the pool in time) counts with the time it took.
        await getConversationPage(probeId, undefined, 50).catch(() => probesFailed++);
        probes.push(performance.now() - before);
        await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
      }
    })();
    while (performance.now() < deadline) {
      const rows = await database.query<{ conversationId: string; length: number }>(
        `SELECT "conversationId", length("content")::int AS "length" FROM "Message"
         WHERE "conversationId" = ANY($1::uuid[]) AND "role" = 'assistant'`,
        [conversations],
      );
      const now = performance.now();
      for (const row of rows) {
        const times = model.emitted.get(keyOf.get(row.conversationId) ?? "") ?? [];
        const stored = Math.floor(row.length / TOKEN.length);
        ages.push(stored < times.length ? now - times[stored] : 0);
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
    await probing;
    const elapsed = (performance.now() - started) / 1_000;
    const statements = counted();
    loopDelay.disable();
    const cpu = process.cpuUsage(cpuBefore);
    const tokens = emittedTokens(model) - tokensBefore;

    model.open = false;
    await Promise.all(streams);
    await settleRuns();
    const stored = await database.query<{ conversationId: string; length: number; status: string }>(
      `SELECT "conversationId", length("content")::int AS "length", "status" FROM "Message"
       WHERE "conversationId" = ANY($1::uuid[]) AND "role" = 'assistant'`,
      [conversations],
    );
    const complete = stored.filter(
      (row) =>
        row.status === "complete" && row.length === (model.emitted.get(keyOf.get(row.conversationId) ?? "")?.length ?? -1) * TOKEN.length,
    ).length;
    const conditions = { replies, seconds: Math.round(elapsed), tokenMs: TOKEN_MS, poolSize: 10 };
    const scenario = "14 live replies";
    metrics.push(
      metric(scenario, `stored text age p95, ${replies} replies`, percentile(ages, 95), "ms", conditions, {
        op: "<=",
        value: replies <= 1_000 ? 500 : 1_000,
      }),
      metric(scenario, `stored text age p50, ${replies} replies`, percentile(ages, 50), "ms", conditions),
      metric(scenario, `statements per second, ${replies} replies`, statements / elapsed, "statements/s", conditions),
      metric(scenario, `probe p95, ${replies} replies`, percentile(probes, 95), "ms", conditions, {
        op: "<=",
        value: replies <= 1_000 ? 100 : 200,
      }),
      metric(scenario, `event-loop delay p95, ${replies} replies`, loopDelay.percentile(95) / 1e6, "ms", conditions),
      metric(scenario, `process CPU per token, ${replies} replies`, (cpu.user + cpu.system) / Math.max(tokens, 1), "µs", conditions),
      metric(scenario, `probes failed, ${replies} replies`, probesFailed, "probes", conditions, { op: "<=", value: 0 }),
      metric(scenario, `turns refused while starting, ${replies} replies`, refused, "turns", conditions, { op: "<=", value: 0 }),
      metric(scenario, `replies stored complete, ${replies} replies`, complete, "replies", conditions, { op: ">=", value: replies }),
    );
    console.error(`[live-replies] ${replies}: ${JSON.stringify(metrics.slice(-9).map((m) => [m.name, m.value]))}`);
  }
  return metrics;
});
