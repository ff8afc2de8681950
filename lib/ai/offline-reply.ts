import type { BaseMessage } from "@langchain/core/messages";
import { readAttachmentNote } from "../attachments/attachment-note";
import { FILES_HEADING, readFilesSection } from "../attachments/files-section";
import { OTHER_CHATS_HEADING } from "../memory/other-chats-select";
import { FACTS_HEADING, PROFILE_HEADING } from "../memory/prompt";
import { RECALL_HEADING } from "../memory/recall-select";
import { SAID_MARK } from "../saved-memories/saved-profile";

export const OFFLINE_NOTICE =
  "You are talking to the built-in offline model. Set OPENAI_API_KEY (or OPENAI_BASE_URL for Ollama, vLLM, " +
  "llama.cpp or LM Studio) to use a real model.";

const text = (message: BaseMessage) => (typeof message.content === "string" ? message.content : "");
const flat = (value: string) => value.replace(/\s+/g, " ").trim();
const quote = (value: string, max = 240) => {
  const line = flat(value);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** Words that say nothing about what is asked: they never make a remembered line match a question. */
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have he her him his how i i'm if in is it its " +
    "just me my mine of on or our she so than that the their them then there they this to told us was we were what when " +
    "where which who whom why will with would you your yours about again know remember tell said say"
  ).split(" "),
);

const contentWords = (value: string) =>
  new Set((value.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).filter((word) => word.length > 1 && !STOP_WORDS.has(word)));

/** How many of the question's content words `line` holds. */
function overlap(question: Set<string>, line: string): number {
  let shared = 0;
  for (const word of contentWords(line)) if (question.has(word)) shared++;
  return shared;
}

/** "I work at Acme." said by the user, as the assistant says it back: "you work at Acme". */
function secondPerson(statement: string): string {
  return flat(statement)
    .replace(/[.!]+$/, "")
    .replace(/\bI was\b/g, "you were")
    .replace(/\bI am\b/g, "you are")
    .replace(/\bI'm\b/g, "you're")
    .replace(/\bI've\b/g, "you've")
    .replace(/\bI\b/g, "you")
    .replace(/\bmy\b/gi, "your")
    .replace(/\bme\b/g, "you")
    .replace(/\bmine\b/g, "yours")
    .replace(/\bmyself\b/g, "yourself");
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** "2025-05-03" as people write it: "3 May 2025". */
const spokenDay = (day: string) => {
  const [year, month, date] = day.split("-").map(Number);
  return `${date} ${MONTHS[month - 1]} ${year}`;
};

interface Remembered {
  preferences: Map<string, string>;
  facts: string[];
  /** Older messages recall put back, with the day each was said and whether in another chat. */
  recalled: { day: string; role: string; text: string; elsewhere: boolean }[];
  /** The live window's messages before the new one. */
  window: { role: string; text: string }[];
  /** Passages of files sent earlier that recall put back. */
  files: { name: string; page: number | null; text: string }[];
}

/** What the prompt (lib/memory/prompt.ts) holds, section by section. */
function readPrompt(messages: BaseMessage[]): { question: string; memory: Remembered } {
  const system = messages.filter((message) => message.getType() === "system").map(text);
  const dialogue = messages.filter((message) => message.getType() !== "system");
  const profile = system.find((content) => content.startsWith(PROFILE_HEADING)) ?? "";
  // The heading on a line of its own: a preference's value may hold the word "Facts:".
  const at = profile.indexOf(`\n${FACTS_HEADING}\n`);
  const [preferenceBlock, factBlock] = at < 0 ? [profile, ""] : [profile.slice(0, at), profile.slice(at + FACTS_HEADING.length + 2)];
  const items = (block: string) =>
    block
      .split("\n")
      .filter((line) => line.startsWith("- "))
      // Saved memories end with when and where they were said: the item is what comes before.
      .map((line) => line.slice(2).split(SAID_MARK)[0]);
  const preferences = new Map(
    items(preferenceBlock).map((line) => [line.slice(0, line.indexOf(":")).trim(), line.slice(line.indexOf(":") + 1).trim()] as const),
  );
  const recalled: Remembered["recalled"] = [];
  const readRecalled = (heading: string, line: RegExp, elsewhere: boolean) => {
    let day = "";
    for (const text of (system.find((content) => content.startsWith(heading)) ?? "").split("\n").slice(1)) {
      const said = line.exec(text);
      if (said) recalled.push({ day, role: said[1], text: said[2], elsewhere });
      else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) day = text;
    }
  };
  readRecalled(RECALL_HEADING, /^#\d+ (user|assistant|system): (.*)$/s, false);
  readRecalled(OTHER_CHATS_HEADING, /^\(chat \d+\) (user|assistant|system): (.*)$/s, true);
  return {
    question: text(dialogue.at(-1) ?? messages[0]),
    memory: {
      preferences,
      facts: items(factBlock).map((fact) => fact.replace(/^User said:\s*/, "")),
      recalled,
      window: dialogue.slice(0, -1).map((message) => ({ role: message.getType() === "human" ? "user" : "assistant", text: text(message) })),
      files: readFilesSection(system.find((content) => content.startsWith(FILES_HEADING)) ?? ""),
    },
  };
}

/** How a remembered preference is said back: "your name is Ada", "you work at Acme", "you live in Porto". */
const SAID_BACK: Record<string, (value: string) => string> = {
  name: (value) => `your name is ${value}`,
  work: (value) => `you work at ${value}`,
  location: (value) => `you live in ${value}`,
};
/** What asks for a preference besides its name ("where do I work?" asks for `work`). */
const ASKED_BY: Record<string, RegExp> = {
  name: /\b(my name|who am i)\b/i,
  work: /\b(work|job|employer)\b/i,
  location: /\b(live|living|where am i)\b/i,
};

/**
 * What the user asked about themselves that preferences and facts answer, in the second person. A
 * fact that holds an answered preference's value says nothing more ("I work at Acme" beside "you
 * work at Acme").
 */
function aboutYou(question: string, memory: Remembered): string[] {
  const asked = contentWords(question);
  const everything = /\b(what do you (know|remember) about me|do you (know|remember) me)\b/i.test(question);
  const answers: string[] = [];
  const given: string[] = [];
  for (const [key, value] of memory.preferences) {
    const askedFor = ASKED_BY[key]?.test(question) || (key !== "name" && asked.has(key));
    if (!everything && !askedFor) continue;
    answers.push(SAID_BACK[key]?.(value) ?? `your ${key} is ${value}`);
    given.push(value.toLowerCase());
  }
  const facts = memory.facts
    .filter((fact) => !given.some((value) => fact.toLowerCase().includes(value)))
    .map((fact) => ({ fact, shared: overlap(asked, fact) }))
    .filter(({ shared }) => everything || shared > 0)
    .sort((a, b) => b.shared - a.shared);
  for (const { fact } of everything ? facts : facts.slice(0, 1)) answers.push(secondPerson(fact));
  return answers;
}

/**
 * The remembered line that shares the most words with the question (two at least, or one of a short
 * question), the latest on a tie (a changed mind); never an earlier question, which answers nothing.
 */
function bestLine(
  question: string,
  memory: Remembered,
): { day: string | null; role: string; text: string; elsewhere: boolean; file?: string } | null {
  const asked = contentWords(question);
  const lines = [
    ...memory.recalled,
    ...memory.window.filter((line) => line.role === "user").map((line) => ({ ...line, day: null, elsewhere: false })),
    ...memory.files.map((line) => ({
      day: null,
      role: "file",
      text: line.text,
      elsewhere: false,
      file: `${line.name}${line.page ? `, page ${line.page}` : ""}`,
    })),
  ];
  let best: (typeof lines)[number] | null = null;
  let bestShared = Math.max(1, Math.min(2, asked.size));
  for (const line of lines) {
    if (isQuestion(line.text)) continue;
    const shared = overlap(asked, line.text);
    if (shared >= bestShared) {
      best = line;
      bestShared = shared;
    }
  }
  return best;
}

/** A question, not a statement: only a question is answered from memory. */
const isQuestion = (value: string) =>
  value.includes("?") ||
  /(^|[.!]\s+)(who|whom|what|when|where|which|why|how|do|did|does|is|are|was|were|can|could|would|will|have|has)\b/i.test(value.trim());

const capitalized = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
const LEADS = ["", "From what I remember, ", "As you told me, "];
const TOLD = [
  (when: string) => `You told me ${when}`,
  (when: string) => `${capitalized(when)} you said`,
  (when: string) => `Here is what you said ${when}`,
];
const SAID = [
  (when: string) => `I said ${when}`,
  (when: string) => `${capitalized(when)} I said`,
  (when: string) => `My answer ${when} was`,
];
const FALLBACKS = [
  "I am the built-in model: I cannot write new answers, but I remember what you tell me. Ask me about it later.",
  "This is the built-in model. It answers from what this conversation remembers: tell me about yourself, then ask.",
  "Built-in model here: I keep what you say and find it again when you ask, but I cannot think up anything new.",
];

/**
 * The offline model's answer, from what memory and recall put in the prompt: "Your name is Dana." to
 * "what is my name?", "You told me on 3 May 2025: “…”" to a question a remembered message answers,
 * else a short line that it is the built-in model. No configuration advice: that would enter memory.
 * Deterministic for one `variant`; another (a regenerated reply's) words it differently.
 */
export function offlineReply(messages: BaseMessage[], variant = 0): string {
  // Variant 0 is the usual wording; every other one differs from it and from the variant before it.
  const pick = <T>(choices: T[]) => choices[variant <= 0 ? 0 : 1 + ((variant - 1) % (choices.length - 1))];
  const { question: asked, memory } = readPrompt(messages);
  const { text: question, files } = readAttachmentNote(asked);
  // Files sent with the message: what arrived, then the answer to its words, if they ask.
  if (files.length > 0) {
    const received = `I received ${files.length === 1 ? "one file" : `${files.length} files`}: ${files.join("; ")}.`;
    const answer = isQuestion(question) ? answerFrom(question, memory, pick) : null;
    return `${received} As the built-in offline model I can see what they are, not read them.${answer ? `\n\n${answer}` : ""}`;
  }
  return answerFrom(question, memory, pick) ?? `**Offline model.** ${pick(FALLBACKS)}`;
}

/** The answer memory and recall give to `question`, or null. */
function answerFrom(question: string, memory: Remembered, pick: <T>(choices: T[]) => T): string | null {
  if (!isQuestion(question)) return null;
  const answers = aboutYou(question, memory);
  if (answers.length) return `${capitalized(`${pick(LEADS)}${answers.join(answers.length > 2 ? "; " : " and ")}`)}.`;
  const line = bestLine(question, memory);
  if (line?.file) return `${line.file} says: “${quote(line.text)}”`;
  if (line) {
    const when = `${line.day ? `on ${spokenDay(line.day)}` : "earlier"}${line.elsewhere ? " in another chat" : ""}`;
    const saying = pick(line.role === "user" ? TOLD : SAID)(when);
    return `${saying}: “${quote(line.text)}”`;
  }
  return null;
}
