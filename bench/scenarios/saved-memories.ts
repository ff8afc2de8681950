// Scenario 18: memory across chats. A browser's memory fed by 200 conversations of 500 messages
// (imported, so each memory holds what its messages taught). Measured: reading what every one of them
// knows about the user for a turn's profile (saved memories), the first time on an instance (every
// conversation's memory read) and then as turns go (only memories that changed are read again), with
// one conversation changed between reads; and the profile's part of a prompt. Then the whole prompt of
// a turn with memory across chats (profile, and recall from this chat and from the 199 others), in a
// new chat and in one of the 500-message chats, for the evaluation's questions. Goal (issue 27): a
// turn's profile and cross-chat recall before the first token, p50 ≤ 20 ms.
import { randomUUID } from "node:crypto";
import { chat } from "../chat-history";
import { median, metric, percentile, runScenario, timed } from "../harness";
import { generateEvalSet } from "../memory-eval/generate-set";

await runScenario(async ({ quick }) => {
  const { parseImport } = await import("../../lib/conversations/import/parse-import");
  const { importConversation } = await import("../../lib/conversations/import/import-conversations");
  const { savedForPrompt } = await import("../../lib/saved-memories/saved-for-prompt");
  const { readStoredMemory } = await import("../../lib/conversations/memory-store");
  const { selectMemory } = await import("../../lib/db/queries/memory-queries");
  const { pool } = await import("../../lib/db/client");
  const { assemblePrompt } = await import("../../lib/conversations/recall");
  const { emptyMemory } = await import("../../lib/memory/schema");
  const env = await import("../../lib/env");

  const CONVERSATIONS = 200;
  const MESSAGES = 500;
  const memoryId = randomUUID();
  const ids: string[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const messages = chat(MESSAGES, 100 + i);
    const parsed = parseImport({ title: `Chat ${i}`, messages }, env.importLimits()).conversations[0];
    ids.push((await importConversation(parsed, env.memoryLimits(), memoryId)).id);
  }
  const current = ids[0];
  const memory = readStoredMemory(current, (await selectMemory(current))?.memoryBuffer ?? null);
  const question = (i: number) => `What did I say about plan ${i % 5} for my team?`;
  const profile = (i: number) => savedForPrompt(memoryId, current, memory, question(i));

  const [cold, first] = await timed(() => profile(0));
  const samples = quick ? 60 : 300;
  const warm: number[] = [];
  for (let i = 1; i <= samples; i++) warm.push((await timed(() => profile(i)))[0]);
  // Another conversation's memory changes between two turns (a turn there): it alone is read again.
  const changed: number[] = [];
  for (let i = 0; i < (quick ? 20 : 60); i++) {
    const other = ids[1 + (i % (CONVERSATIONS - 1))];
    await pool().query(`UPDATE "Conversation" SET "memoryVersion" = "memoryVersion" + 1, "updatedAt" = now() WHERE "id" = $1`, [other]);
    changed.push((await timed(() => profile(i)))[0]);
  }

  // A turn's prompt with memory across chats: profile, and recall here and in the other chats.
  const asked = generateEvalSet().questions.map((question) => question.question);
  const across = { memoryId, otherChats: true };
  const fresh = randomUUID();
  const promptIn = (id: string, held: typeof memory, i: number) => assemblePrompt(id, held, asked[i % asked.length], across);
  for (let i = 0; i < 10; i++) await promptIn(fresh, emptyMemory(), i);
  const inNew: number[] = [];
  const inLong: number[] = [];
  let linesFound = 0;
  for (let i = 0; i < samples; i++) {
    const [ms, parts] = await timed(() => promptIn(fresh, emptyMemory(), i));
    inNew.push(ms);
    linesFound += parts.find((part) => part.section === "elsewhere")?.recalled?.length ?? 0;
    inLong.push((await timed(() => promptIn(current, memory, i)))[0]);
  }

  // The worst a memory can hold: every conversation's memory full (40 preferences, 50 facts of 300 characters).
  const fullMemory = randomUUID();
  const full = (i: number) => ({
    ...JSON.parse(JSON.stringify(memory)),
    user_preferences: Object.fromEntries(Array.from({ length: 40 }, (_, k) => [`key_${k}`, `value ${k} of chat ${i}`])),
    long_term_memory: {
      summary: "",
      summarized_messages: 0,
      facts: Array.from({ length: 50 }, (_, k) => `User said: ${"x".repeat(250)} ${k} ${i}`),
    },
    learned: undefined,
  });
  for (let i = 0; i < CONVERSATIONS; i++) {
    await pool().query(`INSERT INTO "Conversation" ("id", "memoryBuffer", "memoryId") VALUES ($1, $2::jsonb, $3)`, [
      randomUUID(),
      JSON.stringify(full(i)),
      fullMemory,
    ]);
  }
  const fullProfile = (i: number) => savedForPrompt(fullMemory, current, memory, question(i));
  const [fullCold, fullFirst] = await timed(() => fullProfile(0));
  const fullWarm: number[] = [];
  for (let i = 1; i <= samples; i++) fullWarm.push((await timed(() => fullProfile(i)))[0]);

  const conditions = { conversations: CONVERSATIONS, messagesEach: MESSAGES, savedItems: first.items.length };
  const fullConditions = { conversations: CONVERSATIONS, itemsEach: 90, savedItems: fullFirst.items.length };
  const turnConditions = { ...conditions, questions: samples, meanLinesFromOtherChats: Math.round((10 * linesFound) / samples) / 10 };
  return [
    metric("18 memory across chats", "new chat: profile and recall from 200 other chats, p50", median(inNew), "ms", turnConditions, {
      op: "<=",
      value: 20,
    }),
    metric("18 memory across chats", "new chat: profile and recall from 200 other chats, p95", percentile(inNew, 95), "ms", turnConditions),
    metric(
      "18 memory across chats",
      "500-message chat: profile, its recall and 199 other chats', p50",
      median(inLong),
      "ms",
      turnConditions,
      {
        op: "<=",
        value: 20,
      },
    ),
    metric("18 memory across chats", "profile from 200 chats' memories, first read on an instance", cold, "ms", conditions),
    metric("18 memory across chats", "profile from 200 chats' memories p50", median(warm), "ms", conditions, { op: "<=", value: 20 }),
    metric("18 memory across chats", "profile from 200 chats' memories p95", percentile(warm, 95), "ms", conditions),
    metric("18 memory across chats", "profile with one other chat changed since, p50", median(changed), "ms", conditions, {
      op: "<=",
      value: 20,
    }),
    metric("18 memory across chats", "profile from 200 full memories, first read", fullCold, "ms", fullConditions),
    metric("18 memory across chats", "profile from 200 full memories p50", median(fullWarm), "ms", fullConditions, { op: "<=", value: 20 }),
  ];
});
