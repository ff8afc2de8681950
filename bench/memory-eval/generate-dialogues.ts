// Deterministic generator of the dialogue evaluation set, built unlike the project's own set: eight
// conversations of 530–590 messages between two named people (each message starts with its speaker's
// name; the first speaker is the user, the second the assistant), in sessions of 15–40 messages on one
// date each, weeks apart. Facts are said once, in passing, by either speaker, sometimes in reply to the
// other's question; questions about them reuse some of the conversation's words and not others, ask when
// things happened (the session's date), and need facts from several sessions together.
// npx tsx bench/memory-eval/generate-dialogues.ts [outPath] writes the JSON (default /tmp/dialogue-set.json) and a summary.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { type DialogueKind, FACTS, type FactTemplate, MULTI_HOPS, type MultiHopTemplate } from "./dialogue-facts";
import { KEY_POOLS, MEN, POOLS, WOMEN } from "./dialogue-pools";
import { DialogueWriter, type Speaker } from "./dialogue-writer";
import { type EvalConversation, type EvalMessage, type EvalQuestion, type EvalSet, evalSetSchema } from "./eval-set";
import { Drawer, Random } from "./random";

const CONVERSATIONS = 8;
const MIN_MESSAGES = 530;
const MAX_MESSAGES = 590;
const MIN_SESSION = 15;
const MAX_SESSION = 40;
const FACTS_PER_SPEAKER = 20;
const MULTI_HOPS_PER_CONVERSATION = 14;
/** Share of event facts also asked about with "when …?". */
const WHEN_SHARE = 0.8;
/** Share of questions worded apart from what they ask about rather than reusing its words. */
const REWORDED_SHARE = 0.15;
/** Share of facts (that allow it) said in reply to the other speaker's question. */
const EXCHANGE_SHARE = 0.25;
/** Share of sessions held later on the same day as the one before. */
const SAME_DAY_SHARE = 0.1;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Relative times a speaker says an event happened, and the answer they give with the session's date. */
const WHEN: { phrase: string; answer: (date: Date) => string }[] = [
  { phrase: "yesterday", answer: (date) => day(date, -1) },
  { phrase: "last night", answer: (date) => day(date, -1) },
  { phrase: "this morning", answer: (date) => day(date, 0) },
  { phrase: "today", answer: (date) => day(date, 0) },
  { phrase: "last weekend", answer: (date) => `the weekend before ${day(date, 0)}` },
  { phrase: "last week", answer: (date) => `the week before ${day(date, 0)}` },
  { phrase: "a couple of days ago", answer: (date) => `two days before ${day(date, 0)}` },
];

const day = (date: Date, offset: number) =>
  new Date(date.getTime() + offset * DAY_MS).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

/** One or two consecutive messages to place in a session; `bearer` is the one holding the answer. */
interface Item {
  id: string;
  messages: { by: Speaker; text: string }[];
  bearer: number;
}

interface PlannedQuestion {
  kind: DialogueKind;
  question: string;
  /** A fixed answer, or the date of the item it asks about. */
  answer: string | ((dates: Map<string, Date>) => string);
  /** Values the evidence must name. */
  values: string[];
  items: string[];
}

/** Draws values for placeholders: relatives once per speaker, everything else afresh per fact. */
class Values {
  private readonly relatives = new Map<string, string>();

  constructor(
    private readonly drawer: Drawer,
    private readonly owner: Speaker,
  ) {}

  forFact(texts: string[]): Record<string, string> {
    const values: Record<string, string> = {};
    for (const [, key] of texts.join(" ").matchAll(/\{(\w+)\}/g)) {
      if (key in values || ["name", "other", "her", "she", "when"].includes(key)) continue;
      const role = KEY_POOLS[key];
      if (role) {
        if (!this.relatives.has(key)) this.relatives.set(key, this.drawer.draw(POOLS[role]));
        values[key] = this.relatives.get(key)!;
        continue;
      }
      const pool = POOLS[key.replace(/\d+$/, "")];
      if (!pool) throw new Error(`no pool for {${key}}`);
      values[key] = this.drawer.draw(pool);
    }
    return { ...values, name: this.owner.name, her: this.owner.her, she: this.owner.she };
  }
}

const fillIn = (template: string, values: Record<string, string>) =>
  template
    .replace(/\{(\w+)\}/g, (_, key: string) => {
      if (values[key] === undefined) throw new Error(`no value for {${key}} in "${template}"`);
      return values[key];
    })
    .replace(/\b([Aa]) (?=[aeio])/g, "$1n ");

function planFact(
  random: Random,
  writer: DialogueWriter,
  fact: FactTemplate,
  speakers: { owner: Speaker; other: Speaker },
  values: Record<string, string>,
): { item: Item; questions: PlannedQuestion[] } {
  const id = `${fact.id}:${speakers.owner.name}`;
  const exchange = fact.exchange && random.chance(EXCHANGE_SHARE) ? fact.exchange : undefined;
  const texts = exchange ? [random.pick(exchange.asks), random.pick(exchange.replies)] : [random.pick(fact.statements)];
  const when = texts.some((text) => text.includes("{when}")) ? random.pick(WHEN) : undefined;
  const all = { ...values, when: when?.phrase ?? "" };
  const item: Item = exchange
    ? {
        id,
        messages: [
          { by: speakers.other, text: writer.asking(speakers.other, fillIn(texts[0], all)) },
          { by: speakers.owner, text: writer.replying(speakers.owner, fillIn(texts[1], all)) },
        ],
        bearer: 1,
      }
    : { id, messages: [{ by: speakers.owner, text: writer.inPassing(speakers.owner, fillIn(texts[0], all)) }], bearer: 0 };
  const wording = random.chance(REWORDED_SHARE) ? fact.reworded : fact.reuse;
  const questions: PlannedQuestion[] = [
    {
      kind: "single-hop",
      question: fillIn(random.pick(wording), all),
      answer: values[fact.answer],
      values: [values[fact.answer]],
      items: [id],
    },
  ];
  if (fact.when && when && random.chance(WHEN_SHARE)) {
    questions.push({
      kind: "temporal",
      question: fillIn(random.pick(fact.when), all),
      answer: (dates) => when.answer(dates.get(id)!),
      values: [],
      items: [id],
    });
  }
  return { item, questions };
}

function planMultiHop(
  random: Random,
  writer: DialogueWriter,
  hop: MultiHopTemplate,
  { owner, other }: { owner: Speaker; other: Speaker },
  values: Record<string, string>,
): { items: Item[]; question: PlannedQuestion } {
  const all = { ...values, other: other.name };
  const items = hop.parts.map((part, i) => {
    const by = part.by === "owner" ? owner : other;
    return {
      id: `${hop.id}:${owner.name}:${i}`,
      messages: [{ by, text: writer.inPassing(by, fillIn(random.pick(part.statements), all)) }],
      bearer: 0,
    };
  });
  const wording = random.chance(REWORDED_SHARE) ? hop.reworded : hop.reuse;
  return {
    items,
    question: {
      kind: "multi-hop",
      question: fillIn(random.pick(wording), all),
      answer: fillIn(hop.answer, all),
      values: hop.answerKeys.map((key) => values[key]),
      items: items.filter((_, i) => hop.parts[i].evidence).map((item) => item.id),
    },
  };
}

/** Session lengths adding up to `total`, each within bounds. */
function sessionLengths(random: Random, total: number): number[] {
  const lengths: number[] = [];
  let left = total;
  while (left > 0) {
    let length = random.int(MIN_SESSION, MAX_SESSION);
    if (left - length < MIN_SESSION) length = left <= MAX_SESSION ? left : left - MIN_SESSION;
    lengths.push(length);
    left -= length;
  }
  return lengths;
}

/** Session start times: from early 2023 (later for later conversations), one to four weeks apart, now and then later the same day. */
function sessionStarts(random: Random, count: number, index: number): Date[] {
  const starts: Date[] = [];
  let time = Date.UTC(2023, 0, 2) + (index * 9 + random.int(0, 8)) * DAY_MS + random.int(8 * 60, 13 * 60) * 60_000;
  for (let i = 0; i < count; i++) {
    starts.push(new Date(time));
    time += random.chance(SAME_DAY_SHARE)
      ? random.int(4 * 60, 7 * 60) * 60_000
      : random.int(7, 30) * DAY_MS + random.int(-180, 180) * 60_000;
  }
  return starts;
}

/** Picks each item's session: parts of a multi-hop in strictly later sessions, no session over its capacity. */
function assignSessions(random: Random, groups: Item[][], capacities: number[]): Map<string, number> {
  const load = capacities.map(() => 0);
  const sessionOf = new Map<string, number>();
  for (const group of random.shuffle(groups)) {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 200) throw new Error(`no sessions for ${group[0].id}`);
      const sessions = random
        .sample(
          capacities.map((_, i) => i),
          group.length,
        )
        .sort((a, b) => a - b);
      if (sessions.some((session) => load[session] >= capacities[session])) continue;
      group.forEach((item, i) => {
        sessionOf.set(item.id, sessions[i]);
        load[sessions[i]]++;
      });
      break;
    }
  }
  return sessionOf;
}

/** Local positions of a session's items: the right speaker first, one filler message at least between them. */
function placeItems(random: Random, items: Item[], length: number, speakerAt: (local: number) => Speaker): Map<number, Item> {
  const taken = new Set<number>();
  const placed = new Map<number, Item>();
  for (const item of items) {
    const size = item.messages.length;
    const free: number[] = [];
    for (let at = 2; at + size <= length - 2; at++) {
      if (speakerAt(at) !== item.messages[0].by) continue;
      let clear = true;
      for (let p = at - 1; p <= at + size; p++) if (taken.has(p)) clear = false;
      if (clear) free.push(at);
    }
    if (free.length === 0) throw new Error(`no room for ${item.id} in a session of ${length}`);
    const at = random.pick(free);
    for (let p = at; p < at + size; p++) taken.add(p);
    placed.set(at, item);
  }
  return placed;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const mentions = (text: string, value: string) => new RegExp(`(?<!\\w)${escapeRegExp(value)}(?!\\w)`, "i").test(text);

/** Throws unless speakers alternate, times increase, each value asked for is in its evidence and in no other message. */
function check(index: number, messages: EvalMessage[], questions: EvalQuestion[], values: Map<EvalQuestion, string[]>): void {
  const where = `conversation ${index}`;
  messages.forEach((message, i) => {
    if (message.role !== (i % 2 === 0 ? "user" : "assistant")) throw new Error(`${where}: message ${i + 1} breaks the alternation`);
    if (i > 0 && message.createdAt <= messages[i - 1].createdAt) throw new Error(`${where}: message ${i + 1} is not after the one before`);
  });
  for (const question of questions) {
    for (const value of values.get(question)!) {
      if (mentions(question.question, value)) throw new Error(`${where}: "${question.question}" gives away "${value}"`);
      if (!question.evidence.some((position) => mentions(messages[position - 1].content, value)))
        throw new Error(`${where}: "${value}" of "${question.question}" is in none of its evidence`);
      messages.forEach((message, i) => {
        if (!question.evidence.includes(i + 1) && mentions(message.content, value))
          throw new Error(`${where}: message ${i + 1} also names "${value}": ${message.content}`);
      });
    }
  }
}

function buildConversation(
  random: Random,
  index: number,
  speakersTaken: Set<string>,
): { conversation: EvalConversation; questions: EvalQuestion[] } {
  const speakerNames = new Drawer(random, speakersTaken);
  const speaker = (): Speaker =>
    random.chance(0.6)
      ? { name: speakerNames.draw(WOMEN), her: "her", she: "she" }
      : { name: speakerNames.draw(MEN), her: "his", she: "he" };
  const [first, second] = [speaker(), speaker()];
  const drawer = new Drawer(random, new Set([first.name, second.name]));
  const writer = new DialogueWriter(random, first, second);
  const values = new Map([
    [first, new Values(drawer, first)],
    [second, new Values(drawer, second)],
  ]);
  const pair = (owner: Speaker) => ({ owner, other: owner === first ? second : first });

  // What each speaker says: a topic at most once per speaker, so "her dog" names one dog.
  const topics = new Map([
    [first, new Set<string>()],
    [second, new Set<string>()],
  ]);
  const groups: Item[][] = [];
  const planned: PlannedQuestion[] = [];
  const hops: { hop: MultiHopTemplate; owner: Speaker }[] = [];
  for (const candidate of random.shuffle(MULTI_HOPS.flatMap((hop) => [first, second].map((owner) => ({ hop, owner }))))) {
    const taken = topics.get(candidate.owner)!;
    if (hops.length === MULTI_HOPS_PER_CONVERSATION || candidate.hop.topics.some((topic) => taken.has(topic))) continue;
    for (const topic of candidate.hop.topics) taken.add(topic);
    hops.push(candidate);
  }
  for (const { hop, owner } of hops) {
    const texts = [...hop.parts.flatMap((part) => part.statements), hop.answer];
    const { items, question } = planMultiHop(random, writer, hop, pair(owner), values.get(owner)!.forFact(texts));
    groups.push(items);
    planned.push(question);
  }
  for (const owner of [first, second]) {
    const facts = random.shuffle(FACTS.filter((fact) => !topics.get(owner)!.has(fact.topic))).slice(0, FACTS_PER_SPEAKER);
    for (const fact of facts) {
      const texts = [...fact.statements, ...(fact.exchange ? [...fact.exchange.asks, ...fact.exchange.replies] : [])];
      const { item, questions } = planFact(random, writer, fact, pair(owner), values.get(owner)!.forFact(texts));
      groups.push([item]);
      planned.push(...questions);
    }
  }

  // Sessions, then each item's session and place in it; the rest is small talk.
  const lengths = sessionLengths(random, random.int(MIN_MESSAGES, MAX_MESSAGES));
  const starts = sessionStarts(random, lengths.length, index);
  const sessionOf = assignSessions(
    random,
    groups,
    lengths.map((length) => Math.floor((length - 4) / 4)),
  );
  const items = groups.flat();
  const messages: EvalMessage[] = [];
  const positions = new Map<string, number>();
  const dates = new Map<string, Date>();
  lengths.forEach((length, session) => {
    const offset = messages.length;
    const speakerAt = (local: number) => ((offset + local) % 2 === 0 ? first : second);
    const placed = placeItems(
      random,
      items.filter((item) => sessionOf.get(item.id) === session),
      length,
      speakerAt,
    );
    const texts: string[] = [];
    let time = starts[session].getTime();
    for (let local = 0; local < length; ) {
      const item = placed.get(local);
      if (item) {
        positions.set(item.id, offset + local + item.bearer + 1);
        dates.set(item.id, starts[session]);
        texts.push(...item.messages.map((message) => message.text));
        local += item.messages.length;
        continue;
      }
      texts.push(writer.smallTalk(speakerAt(local), local, length));
      local++;
    }
    texts.forEach((text, local) => {
      const by = speakerAt(local);
      messages.push({ role: by === first ? "user" : "assistant", content: `${by.name}: ${text}`, createdAt: new Date(time).toISOString() });
      time += random.int(30, 150) * 1000;
    });
    writer.nextSession();
  });

  const asked = new Map<EvalQuestion, string[]>();
  const questions = planned.map((question) => {
    const evalQuestion: EvalQuestion = {
      conversation: index,
      question: question.question,
      answer: typeof question.answer === "string" ? question.answer : question.answer(dates),
      kind: question.kind,
      evidence: [...new Set(question.items.map((id) => positions.get(id)!))].sort((a, b) => a - b),
    };
    asked.set(evalQuestion, question.values);
    return evalQuestion;
  });
  check(index, messages, questions, asked);
  return { conversation: { title: `${first.name} and ${second.name}`, messages }, questions };
}

/** The dialogue evaluation set; the same seed always gives the same set. */
export function generateDialogueSet(seed = 20261207): EvalSet {
  const random = new Random(seed);
  const speakersTaken = new Set<string>();
  const conversations: EvalConversation[] = [];
  const questions: EvalQuestion[] = [];
  for (let index = 0; index < CONVERSATIONS; index++) {
    const built = buildConversation(random, index, speakersTaken);
    conversations.push(built.conversation);
    questions.push(...built.questions);
  }
  return evalSetSchema.parse({ name: "two-person dialogues", seed, conversations, questions });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outPath = process.argv[2] ?? "/tmp/dialogue-set.json";
  const set = generateDialogueSet();
  writeFileSync(outPath, `${JSON.stringify(set, null, 2)}\n`);
  const { describeSet } = await import("./set-profile");
  console.log(`Wrote ${outPath}.\n${describeSet(set)}`);
}
