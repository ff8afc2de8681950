// Scenario 18: memory across chats. A browser's memory fed by 200 conversations of 500 messages
// (imported, so each memory holds what its messages taught). Measured: reading what every one of them
// knows about the user for a turn's profile (saved memories), the first time on an instance (every
// conversation's memory read) and then as turns go (only memories that changed are read again), with
// one conversation changed between reads; and the profile's part of a prompt. Goal (issue 27): a
// turn's profile and cross-chat recall before the first token, p50 ≤ 20 ms.
import { randomUUID } from "node:crypto";
import { chat } from "../chat-history";
import { median, metric, percentile, runScenario, timed } from "../harness";

await runScenario(async ({ quick }) => {
  const { parseImport } = await import("../../lib/conversations/import/parse-import");
  const { importConversation } = await import("../../lib/conversations/import/import-conversations");
  const { savedForPrompt } = await import("../../lib/saved-memories/saved-for-prompt");
  const { readStoredMemory } = await import("../../lib/conversations/memory-store");
  const { selectMemory } = await import("../../lib/db/queries/memory-queries");
  const { pool } = await import("../../lib/db/client");
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
  return [
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
