// Scenario 10: the sidebar's search in what was said (SEARCH_MESSAGES on the recall index), over a
// browser's 200 conversations of 2,000 messages each (imported, so indexed as real turns leave them),
// for one or two words taken from a random message, as people search for what they remember.

import { chat } from "../chat-history";
import { median, metric, percentile, runScenario, timed } from "../harness";

await runScenario(async ({ quick }) => {
  const [{ parseImport }, { importConversation }, { searchConversations }, env] = await Promise.all([
    import("../../lib/conversations/import/parse-import"),
    import("../../lib/conversations/import/import-conversations"),
    import("../../lib/conversations/search"),
    import("../../lib/env"),
  ]);
  const conversations = quick ? 20 : 200;
  const perConversation = 2_000;
  const ids: string[] = [];
  const words: string[][] = [];
  for (let i = 0; i < conversations; i++) {
    const messages = chat(perConversation, 3_000 + i * 7);
    const [parsed] = parseImport({ title: `Conversation ${i}`, messages }, env.importLimits()).conversations;
    ids.push((await importConversation(parsed, env.memoryLimits())).id);
    // Longer words say more: what someone remembers of a message.
    for (const message of messages.filter((_, n) => n % 97 === 0)) words.push(message.content.match(/[A-Za-z]{6,}/g) ?? []);
  }
  const searches = words
    .filter((list) => list.length > 0)
    .map((list, n) => list.slice(n % list.length, (n % list.length) + 1 + (n % 2)).join(" "));
  for (const text of searches.slice(0, 20)) await searchConversations({ ids, text });
  const costs: number[] = [];
  let found = 0;
  for (const text of searches.slice(0, quick ? 100 : 400)) {
    const [ms, result] = await timed(() => searchConversations({ ids, text }));
    costs.push(ms);
    if (result.messages.length > 0) found++;
  }
  const conditions = { conversations, messagesPerConversation: perConversation, searches: costs.length, wordsPerSearch: "1 or 2" };
  return [
    metric("10 message search", "search p50", median(costs), "ms", conditions, quick ? undefined : { op: "<=", value: 10 }),
    metric("10 message search", "search p95", percentile(costs, 95), "ms", conditions),
    metric("10 message search", "searches with at least one message found", (100 * found) / costs.length, "%", conditions),
  ];
});
