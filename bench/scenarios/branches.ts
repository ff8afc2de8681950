// Scenario 12: edit and switch versions in a 1,000-turn conversation, offline. An edit at turn 900
// must not replay 900 turns: memory comes from the edited turn's checkpoint. Measured: an edit's
// wait for its reply's first token (the fork and the turn's start), the whole edited turn, and a
// switch of versions (the switch and the page it shows); at turn 900 and, for comparison, turn 10.
// Also an edit far into a 1,000-turn imported conversation, whose checkpoints are 32 turns apart.
import { randomUUID } from "node:crypto";
import { chat } from "../chat-history";
import { median, metric, runScenario, timed } from "../harness";

await runScenario(async ({ quick }) => {
  const { startChatTurn } = await import("../../lib/conversations/turn/chat-turn");
  const { settleAfterTurn } = await import("../../lib/conversations/turn/after-turn");
  const { switchBranch } = await import("../../lib/conversations/switch-branch");
  const { getConversationPage } = await import("../../lib/conversations/read");
  const { parseImport } = await import("../../lib/conversations/import/parse-import");
  const { importConversation } = await import("../../lib/conversations/import/import-conversations");
  const { chatModel } = await import("../../lib/ai/model");
  const env = await import("../../lib/env");
  const { pool } = await import("../../lib/db/client");

  type Fork = { kind: "edit" | "regenerate"; messageId: string } | null;
  /** A turn to its end; resolves with the milliseconds until its first token, and in all. */
  const turn = async (id: string, text: string, fork: Fork = null) => {
    const started = performance.now();
    const stream = await startChatTurn(
      { conversationId: id, userMessageId: randomUUID(), text, model: null, fork },
      { signal: new AbortController().signal, client: "bench", handle: chatModel(), limits: env.memoryLimits() },
    );
    let first = 0;
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (read.value.type === "error") throw new Error(read.value.errorText);
      if (read.value.type === "text-delta" && first === 0) first = performance.now() - started;
    }
    return { first, total: performance.now() - started };
  };
  const question = (i: number) => `Question ${i}: my team has ${i % 40} people; what would plan ${i % 5} cost us per month?`;
  /** The user message at turn `n` (from 1) of the current branch. */
  const userAt = async (id: string, n: number) => {
    const { rows } = await pool().query<{ id: string }>(
      `SELECT m.id FROM "Conversation" c JOIN "Message" m ON m."conversationId" = c.id
       WHERE c.id = $1 AND m.role = 'user' AND m.seq <= c."pathEnds"[array_position(c."pathBranches", m.branch)]
       ORDER BY m.seq OFFSET $2 LIMIT 1`,
      [id, n - 1],
    );
    return rows[0].id;
  };

  const live = randomUUID();
  for (let i = 0; i < 1000; i++) {
    await turn(live, question(i));
    await settleAfterTurn();
  }
  const imported = (
    await importConversation(
      parseImport({ title: "Imported", messages: chat(2_000, 12) }, env.importLimits()).conversations[0],
      env.memoryLimits(),
    )
  ).id;

  const samples = quick ? 10 : 40;
  const measure = async (id: string, at: number) => {
    const firsts: number[] = [];
    const totals: number[] = [];
    const switches: number[] = [];
    for (let i = 0; i < samples; i++) {
      const target = await userAt(id, at);
      const { first, total } = await turn(id, `Edited question ${i}: what about ${i} seats?`, { kind: "edit", messageId: target });
      firsts.push(first);
      totals.push(total);
      await settleAfterTurn();
      // Back to the 1,000-turn branch and forth again, as Previous and Next version do.
      const [back] = await timed(async () => {
        await switchBranch(id, 0);
        return getConversationPage(id, undefined, 50);
      });
      const { rows } = await pool().query<{ id: number }>(`SELECT max(id) AS id FROM "Branch" WHERE "conversationId" = $1`, [id]);
      const [forth] = await timed(async () => {
        await switchBranch(id, rows[0].id);
        return getConversationPage(id, undefined, 50);
      });
      switches.push(back, forth);
      await switchBranch(id, 0);
    }
    return { first: median(firsts), total: median(totals), switch: median(switches) };
  };
  const early = await measure(live, 10);
  const late = await measure(live, 900);
  const importedLate = await measure(imported, 900);

  const conditions = { turns: 1000, samples, offlineDelayMs: 0 };
  const name = "12 branches";
  return [
    metric(
      name,
      "edit at turn 900: until the reply's first token, p50",
      late.first,
      "ms",
      conditions,
      quick ? undefined : { op: "<=", value: 20 },
    ),
    metric(
      name,
      "switch version at turn 900 (switch and its page), p50",
      late.switch,
      "ms",
      conditions,
      quick ? undefined : { op: "<=", value: 20 },
    ),
    metric(name, "edit at turn 900: the whole edited turn, p50", late.total, "ms", conditions),
    metric(name, "edit at turn 10: until the reply's first token, p50", early.first, "ms", conditions),
    metric(name, "switch version at turn 10, p50", early.switch, "ms", conditions),
    metric(name, "edit at turn 900 / at turn 10 (first token)", late.first / early.first, "x", conditions),
    metric(name, "imported 1,000 turns, edit at turn 900: until the first token, p50", importedLate.first, "ms", {
      ...conditions,
      checkpointEvery: 32,
    }),
  ];
});
