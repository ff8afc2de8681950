// npm run eval:memory [-- <set.json>]: imports each conversation of a memory evaluation set through the
// import code, asks every question through the context code, and reports for four ways of building the
// prompt the share of questions whose answer-bearing messages are all in it, and the mean prompt tokens.
// Without a path it generates the project's own set (fixed seed) and writes bench/results/memory-eval.*.
import { readFileSync, writeFileSync } from "node:fs";
import { freshDatabase, machine } from "../harness";
import { type EvalSet, evalSetSchema } from "./eval-set";

const MODES = ["window only", "window + summary, no recall", "window + summary + recall", "whole history"] as const;
type Mode = (typeof MODES)[number];

interface Tally {
  found: number;
  tokens: number;
  byKind: Map<string, { found: number; asked: number }>;
}

const flat = (text: string) => text.replace(/\s+/g, " ").trim();

const path = process.argv[2];
const set: EvalSet = path
  ? evalSetSchema.parse(JSON.parse(readFileSync(path, "utf8")))
  : (await import("./generate-set")).generateEvalSet();
const database = await freshDatabase();
Object.assign(process.env, { DATABASE_URL: database.url, OFFLINE_MODEL_DELAY_MS: "0" });
const [{ parseImport }, { importConversation }, { assemblePrompt }, { loadMemory }, { promptParts }, tokens, env] = await Promise.all([
  import("../../lib/conversations/import/parse-import"),
  import("../../lib/conversations/import/import-conversations"),
  import("../../lib/conversations/recall"),
  import("../../lib/conversations/memory-store"),
  import("../../lib/memory/prompt"),
  import("../../lib/memory/tokens"),
  import("../../lib/env"),
]);
const cost = (texts: string[]) => texts.reduce((sum, text) => sum + tokens.countTokens(text) + tokens.MESSAGE_OVERHEAD_TOKENS, 0);

const tallies = new Map<Mode, Tally>(MODES.map((mode) => [mode, { found: 0, tokens: 0, byKind: new Map() }]));
const started = Date.now();
const ids: string[] = [];
for (const conversation of set.conversations) {
  const [parsed] = parseImport({ title: conversation.title, messages: conversation.messages }, env.importLimits()).conversations;
  ids.push((await importConversation(parsed, env.memoryLimits())).id);
}
const importSeconds = (Date.now() - started) / 1000;

for (const question of set.questions) {
  const id = ids[question.conversation];
  const messages = set.conversations[question.conversation].messages;
  const memory = (await loadMemory(id)).memory;
  const full = await assemblePrompt(id, memory, question.question);
  const text = (parts: typeof full) => parts.map((part) => String(part.message.content));
  const without = (...sections: string[]) => full.filter((part) => !sections.includes(part.section));
  const prompts: Record<Mode, string[]> = {
    "window only": text(without("summary", "profile", "recalled")),
    "window + summary, no recall": text(promptParts(memory, question.question)),
    "window + summary + recall": text(full),
    "whole history": [text(full)[0], ...messages.map((message) => message.content), question.question],
  };
  for (const mode of MODES) {
    const prompt = flat(prompts[mode].join("\n"));
    const found = question.evidence.every((position) => prompt.includes(flat(messages[position - 1].content)));
    const tally = tallies.get(mode)!;
    const kind = tally.byKind.get(question.kind) ?? { found: 0, asked: 0 };
    tally.byKind.set(question.kind, { found: kind.found + (found ? 1 : 0), asked: kind.asked + 1 });
    tally.found += found ? 1 : 0;
    tally.tokens += cost(prompts[mode]);
  }
}
await database.stop();

const asked = set.questions.length;
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
const rows = MODES.map((mode) => {
  const tally = tallies.get(mode)!;
  return { mode, found: tally.found / asked, meanTokens: Math.round(tally.tokens / asked) };
});
const kinds = [...tallies.get(MODES[0])!.byKind.keys()].sort();
const lines = [
  `Memory evaluation on "${set.name}" (seed ${set.seed}): ${set.conversations.length} conversations, ` +
    `${set.conversations.reduce((sum, c) => sum + c.messages.length, 0)} messages, ${asked} questions asked after the last message. ` +
    `Imported in ${importSeconds.toFixed(1)} s. Node ${process.version}, offline, MEMORY_RECALL_TOKENS=${env.env().MEMORY_RECALL_TOKENS}, ` +
    `MEMORY_WINDOW_TOKENS=${env.env().MEMORY_WINDOW_TOKENS}.`,
  "",
  "| Prompt | All answer-bearing messages in the prompt | Mean prompt tokens |",
  "| --- | --- | --- |",
  ...rows.map((row) => `| ${row.mode} | ${percent(row.found, 1)} | ${row.meanTokens.toLocaleString("en")} |`),
  "",
  `| Kind | Asked | ${MODES.join(" | ")} |`,
  `| --- | --- | ${MODES.map(() => "---").join(" | ")} |`,
  ...kinds.map((kind) => {
    const asked = tallies.get(MODES[0])!.byKind.get(kind)!.asked;
    return `| ${kind} | ${asked} | ${MODES.map((mode) => percent(tallies.get(mode)!.byKind.get(kind)!.found, asked)).join(" | ")} |`;
  }),
];
console.log(lines.join("\n"));
if (!path) {
  writeFileSync("bench/results/memory-eval.md", `${lines.join("\n")}\n`);
  writeFileSync(
    "bench/results/memory-eval.json",
    `${JSON.stringify({ set: set.name, seed: set.seed, asked, machine: machine(), rows }, null, 2)}\n`,
  );
}
process.exit(0);
