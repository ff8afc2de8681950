// Scenario 15: a soak. The standalone server (offline model at 40 ms a token, so every turn is a live
// reply for a few seconds; the default pool of 10) gets a mixed load over HTTP, as browsers send it:
// each user action is a turn (POST /api/chat, its stream read to the end), then a page load (GET /c/<id>
// and the getConversation server action), then a search in what was said (the searchConversations
// server action); meanwhile other tabs follow conversations (GET …/events, server-sent events). Users
// start a new conversation after 20 turns, as people do, so what an action costs stays the same
// however long the soak runs (with conversations that only grow, the load would rise with time). First
// the mix's capacity is measured (closed loop, 256 users at once, after a warm-up); then actions start
// at a steady 70% of it, open loop, for 30 minutes (2 in quick mode). Sampled every 5 s: the server's
// resident memory and the database's connections, compared between the first and the last quarter of
// the soak; the server runs with --trace-gc, so its live heap after each full collection is compared
// too (V8 grows the heap lazily, which RSS alone cannot tell from a leak). At the end every turn
// answered 200 must be stored, its reply complete.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { postServerAction, serverActionId } from "../../tests/support/server-action";
import { type Metric, metric, percentile, runScenario, waitForServer } from "../harness";

const PORT = 3420;
const BASE = `http://localhost:${PORT}`;
const CONVERSATIONS = 300;
const FOLLOWERS = 64;
/** Turns a conversation gets before its user starts a new one. */
const TURNS_PER_CONVERSATION = 20;
const SAMPLE_MS = 5_000;
const SCENARIO = "15 soak";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a process, in bytes. */
function rss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) * 1024 : 0;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

await runScenario(async ({ quick, database }) => {
  const server = spawn("node", ["--trace-gc", ".next/standalone/server.js"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOSTNAME: "0.0.0.0",
      NEXT_TELEMETRY_DISABLED: "1",
      OFFLINE_MODEL_DELAY_MS: "40",
      DATABASE_POOL_SIZE: "10",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  /** The live heap after each full collection (MB), with when it was measured. */
  const liveHeap: { at: number; mb: number }[] = [];
  server.stdout.setEncoding("utf8");
  server.stdout.on("data", (text: string) => {
    for (const match of text.matchAll(/Mark-Compact[^\n]*? -> ([\d.]+) \(/g))
      liveHeap.push({ at: performance.now(), mb: Number(match[1]) });
  });
  const followers = new AbortController();
  try {
    await waitForServer(`${BASE}/`, 60_000);
    const actions = { getConversation: serverActionId("getConversation"), searchConversations: serverActionId("searchConversations") };
    const conversations = Array.from({ length: CONVERSATIONS }, () => randomUUID());
    const errors: string[] = [];
    const answered: { conversationId: string; userMessageId: string }[] = [];
    const latencies = { turn: [] as number[], page: [] as number[], search: [] as number[] };
    let turnNumber = 0;

    const fail = (what: string) => {
      if (errors.length < 20) console.error(`[soak] ${what}`);
      errors.push(what);
    };
    const timedStep = async (kind: keyof typeof latencies, step: () => Promise<void>, record: boolean) => {
      const started = performance.now();
      await step().catch((error: unknown) => fail(`${kind}: ${String(error)}`));
      if (record) latencies[kind].push(performance.now() - started);
    };
    const serverAction = async (id: string, page: string, argument: unknown) => {
      const { status, body } = await postServerAction(BASE, id, argument, page);
      if (status !== 200 || !body.includes('"ok":true')) throw new Error(`action ${status} ${body.slice(0, 200)}`);
    };
    const turn = async (conversationId: string) => {
      const n = turnNumber++;
      const userMessageId = randomUUID();
      const response = await fetch(`${BASE}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: JSON.stringify({
          id: conversationId,
          message: { id: userMessageId, role: "user", parts: [{ type: "text", text: `Turn ${n}: what would ${n % 40} seats cost?` }] },
        }),
      });
      const body = await response.text();
      if (response.status !== 200 || body.includes('"type":"error"')) throw new Error(`turn ${response.status} ${body.slice(0, 200)}`);
      answered.push({ conversationId, userMessageId });
      turnsIn.set(conversationId, (turnsIn.get(conversationId) ?? 0) + 1);
    };
    const turnsIn = new Map<string, number>();
    const followed = { events: 0, streams: 0 };
    const following = new Map<number, AbortController>();
    /** A tab following the conversation in `slot`, in place of the one that followed its previous conversation. */
    const follow = (slot: number) => {
      following.get(slot)?.abort();
      const mine = new AbortController();
      following.set(slot, mine);
      const signal = AbortSignal.any([followers.signal, mine.signal]);
      void fetch(`${BASE}/api/conversations/${conversations[slot]}/events?after=0`, { signal })
        .then(async (response) => {
          if (response.status !== 200 || !response.body) return fail(`events ${response.status}`);
          followed.streams++;
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
            followed.events += decoder.decode(chunk.value).split("data: ").length - 1;
        })
        .catch((error: unknown) => {
          if (!signal.aborted) fail(`events: ${String(error)}`);
        });
    };
    /** One user's action: a turn, the page again, a search in what was said. */
    const cycle = async (record: boolean) => {
      const slot = Math.floor(Math.random() * conversations.length);
      if ((turnsIn.get(conversations[slot]) ?? 0) >= TURNS_PER_CONVERSATION) {
        conversations[slot] = randomUUID();
        if (slot < FOLLOWERS) follow(slot);
      }
      const id = conversations[slot];
      await timedStep("turn", () => turn(id), record);
      await timedStep(
        "page",
        async () => {
          const page = await fetch(`${BASE}/c/${id}`);
          await page.text();
          if (page.status !== 200) throw new Error(`page ${page.status}`);
          await serverAction(actions.getConversation, `/c/${id}`, { id });
        },
        record,
      );
      await timedStep(
        "search",
        () => serverAction(actions.searchConversations, `/c/${id}`, { ids: conversations.slice(0, 50), text: `seats ${turnNumber % 40}` }),
        record,
      );
    };

    // Every conversation starts with one turn, so pages and searches find something.
    for (let i = 0; i < conversations.length; i += 32) await Promise.all(conversations.slice(i, i + 32).map((id) => turn(id)));
    for (let slot = 0; slot < FOLLOWERS; slot++) follow(slot);

    // Capacity: 256 users acting back to back, each action as above; only actions ending inside the
    // measured window count (not the warm-up's, nor those still running when it closes).
    const warmUpMs = quick ? 5_000 : 10_000;
    const calibrationMs = quick ? 15_000 : 30_000;
    let cycles = 0;
    const windowStart = performance.now() + warmUpMs;
    const calibrationEnd = windowStart + calibrationMs;
    await Promise.all(
      Array.from({ length: 256 }, async () => {
        while (performance.now() < calibrationEnd) {
          await cycle(false);
          const now = performance.now();
          if (now >= windowStart && now <= calibrationEnd) cycles++;
        }
      }),
    );
    const capacity = cycles / (calibrationMs / 1000);
    const rate = 0.7 * capacity;
    errors.length = 0;
    answered.length = 0;
    console.error(`[soak] capacity ${capacity.toFixed(1)} actions/s; soaking at ${rate.toFixed(1)} a second`);

    const soakMs = (quick ? 2 : 30) * 60_000;
    const samples: { rss: number; connections: number; inFlight: number }[] = [];
    let inFlight = 0;
    let started = 0;
    const running = new Set<Promise<void>>();
    const begin = performance.now();
    const sampler = setInterval(() => {
      void database
        .query<{ count: number }>(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database()`)
        .then(([row]) => samples.push({ rss: rss(server.pid ?? 0), connections: row.count - 1, inFlight }));
    }, SAMPLE_MS);
    while (performance.now() - begin < soakMs) {
      const due = Math.floor(((performance.now() - begin) / 1000) * rate);
      for (; started < due; started++) {
        inFlight++;
        const action = cycle(true).finally(() => {
          inFlight--;
          running.delete(action);
        });
        running.add(action);
      }
      await sleep(20);
    }
    clearInterval(sampler);
    const seconds = (performance.now() - begin) / 1000;
    await Promise.all(running);
    followers.abort();

    const stored = await database.query<{ id: string; status: string | null; length: number | null }>(
      `SELECT u."id", r."status", length(r."content")::int AS "length"
       FROM "Message" u LEFT JOIN "Message" r ON r."conversationId" = u."conversationId" AND r."seq" = u."seq" + 1
       WHERE u."id" = ANY($1::uuid[])`,
      [answered.map((turn) => turn.userMessageId)],
    );
    const persisted = stored.filter((row) => row.status === "complete" && (row.length ?? 0) > 0).length;
    const quarter = Math.max(1, Math.floor(samples.length / 4));
    const first = samples.slice(0, quarter);
    const last = samples.slice(-quarter);
    const soakHeap = liveHeap.filter((sample) => sample.at >= begin);
    const heapQuarter = Math.max(1, Math.floor(soakHeap.length / 4));
    const conditions = {
      minutes: Math.round(seconds / 60),
      capacity: Math.round(capacity * 10) / 10,
      actionsPerSecond: Math.round(rate * 10) / 10,
      tokenMs: 40,
      poolSize: 10,
      followers: FOLLOWERS,
      turnsPerConversation: TURNS_PER_CONVERSATION,
    };
    const metrics: Metric[] = [
      metric(SCENARIO, "capacity (turn, page load, search; 256 users back to back)", capacity, "actions/s", conditions),
      metric(SCENARIO, "actions started (70% of capacity)", started, "actions", conditions),
      metric(
        SCENARIO,
        "RSS growth, last quarter over first",
        mean(last.map((s) => s.rss)) / mean(first.map((s) => s.rss)),
        "x",
        conditions,
        {
          op: "<=",
          value: 1.1,
        },
      ),
      metric(SCENARIO, "RSS, last quarter", mean(last.map((s) => s.rss)), "bytes", conditions),
      metric(
        SCENARIO,
        "database connections, last quarter over first",
        mean(last.map((s) => s.connections)) / mean(first.map((s) => s.connections)),
        "x",
        conditions,
        { op: "<=", value: 1.1 },
      ),
      metric(
        SCENARIO,
        "live heap after full GC, last quarter over first",
        mean(soakHeap.slice(-heapQuarter).map((s) => s.mb)) / mean(soakHeap.slice(0, heapQuarter).map((s) => s.mb)),
        "x",
        { ...conditions, collections: soakHeap.length },
        { op: "<=", value: 1.1 },
      ),
      metric(SCENARIO, "live heap after full GC, last quarter", mean(soakHeap.slice(-heapQuarter).map((s) => s.mb)), "MB", conditions),
      metric(SCENARIO, "database connections, most", Math.max(...samples.map((s) => s.connections)), "connections", conditions),
      metric(SCENARIO, "actions in flight, most", Math.max(...samples.map((s) => s.inFlight)), "actions", conditions),
      metric(SCENARIO, "actions in flight, last quarter", mean(last.map((s) => s.inFlight)), "actions", conditions),
      metric(SCENARIO, "errors", errors.length, "errors", conditions, { op: "<=", value: 0 }),
      metric(SCENARIO, "turns answered but not stored complete", answered.length - persisted, "turns", conditions, { op: "<=", value: 0 }),
      metric(SCENARIO, "turns answered", answered.length, "turns", conditions),
      metric(SCENARIO, "turn p95 (a reply of about 3 s)", percentile(latencies.turn, 95), "ms", conditions),
      metric(SCENARIO, "page load p95", percentile(latencies.page, 95), "ms", conditions),
      metric(SCENARIO, "search p95", percentile(latencies.search, 95), "ms", conditions),
      metric(SCENARIO, "followers' streams opened", followed.streams, "streams", conditions, { op: ">=", value: FOLLOWERS }),
      metric(SCENARIO, "events the followers received", followed.events, "events", conditions),
    ];
    return metrics;
  } finally {
    followers.abort();
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
});
