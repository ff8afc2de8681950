// Deterministic generator of the long-conversation memory evaluation set: six conversations of 520–600
// messages over about six months, each with its own persona, facts stated once (some corrected later, some
// named by the assistant), and 60+ questions per conversation whose evidence is the exact message positions.
// npx tsx bench/memory-eval/generate-set.ts [outPath] writes the JSON (default /tmp/eval-set.json) and a summary.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { EvalConversation, EvalMessage, EvalQuestion, EvalSet } from "./eval-set";
import { evalSetSchema } from "./eval-set";
import { Drawer, Random } from "./random";
import {
  ASSISTANT_SENTENCES,
  BANDS,
  BOARD_GAMES,
  BOOKS,
  CAFES,
  CARS,
  CHANGES,
  CITIES,
  COFFEE_ORDERS,
  COMPANIES,
  CUISINES,
  CURRENCIES,
  DIETS,
  DISHES,
  DOG_NAMES,
  FACT_OPENERS,
  FACTS,
  FEMALE_NAMES,
  FILLER_VALUES,
  FOLLOW_UPS,
  GENRES,
  GYMS,
  HATED_FOODS,
  HOTELS,
  KITTEN_NAMES,
  MALE_NAMES,
  MONTHS,
  MORE_FACTS,
  MULTI_HOPS,
  NEUTRAL_NAMES,
  PLANTS,
  PODCASTS,
  PROJECTS,
  type QuestionKind,
  RECOMMENDATION_FOLLOW_UPS,
  RECOMMENDATIONS,
  RESTAURANTS,
  ROLES,
  SEASONS,
  SERIES,
  SURNAMES,
  TECH_CLOSERS,
  TECH_EXCHANGES,
  TECH_LEADS,
  TRAILS,
  USER_NAMES,
  USER_SENTENCES,
  WEEKDAYS,
  WORKOUT_TIMES,
} from "./templates";

const CONVERSATIONS = 6;
const MIN_MESSAGES = 520;
const MAX_MESSAGES = 600;
const MIN_WORDS = 10;
const MAX_WORDS = 60;
/** User slots (0-based user-message indexes) below this fall in the first 200 messages. */
const EARLY_SLOTS = 100;
const CHANGES_PER_CONVERSATION = 5;
const RECOMMENDATIONS_PER_CONVERSATION = 6;
const MIN_QUESTIONS_PER_CONVERSATION = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Persona values by key, used to fill {key} placeholders in fact templates. */
type Persona = Record<string, string>;

function makePersona(random: Random, index: number, globallyTaken: Set<string>): Persona {
  const names = new Drawer(random, globallyTaken);
  const local = new Drawer(random, new Set());
  const anyone = [...FEMALE_NAMES, ...MALE_NAMES, ...NEUTRAL_NAMES];
  const currency = random.pick(CURRENCIES);
  const money = (amount: number) => `${currency}${amount.toLocaleString("en-US")}`;
  // Birthdays and anniversaries fall in any month; plans and deadlines after the conversation (which ends mid-year).
  // Days are drawn afresh until a free one comes up: a small pool of months can run out of drawn days.
  const date = (months = MONTHS): string => {
    for (;;) {
      const value = local.tryDraw(months.map((month) => `${random.int(1, 28)} ${month}`));
      if (value !== null) return value;
    }
  };
  const later = MONTHS.slice(7);
  const deadlineMonth = random.int(7, 9);
  const budgetA = random.int(16, 30) * 500;
  const guestsA = random.int(12, 25);
  const persona: Persona = {
    user: USER_NAMES[index % USER_NAMES.length],
    sister: names.draw(FEMALE_NAMES),
    brother: names.draw(MALE_NAMES),
    manager: names.draw(anyone),
    colleague1: names.draw(anyone),
    colleague2: names.draw(anyone),
    friend: names.draw(anyone),
    landlord: names.draw(anyone),
    partner: names.draw(anyone),
    physio: names.draw(anyone),
    vet: `Dr. ${names.draw(SURNAMES)}`,
    dentist: `Dr. ${names.draw(SURNAMES)}`,
    dog: names.draw(DOG_NAMES),
    managerDog: names.draw(DOG_NAMES),
    kitten: local.draw(KITTEN_NAMES),
    homeCity: local.draw(CITIES),
    sisterCity: local.draw(CITIES),
    hometown: local.draw(CITIES),
    tripA: local.draw(CITIES),
    tripB: local.draw(CITIES),
    colleagueCity: local.draw(CITIES),
    weddingCity: local.draw(CITIES),
    dreamCity: local.draw(CITIES),
    anniversaryRestaurant: local.draw(RESTAURANTS),
    recRestaurant: local.draw(RESTAURANTS),
    brotherRestaurant: local.draw(RESTAURANTS),
    hotel: random.pick(HOTELS),
    cafe: random.pick(CAFES),
    gym: random.pick(GYMS),
    company: random.pick(COMPANIES),
    project: random.pick(PROJECTS),
    partnerRole: random.pick(ROLES),
    sisterBirthday: date(),
    brotherBirthday: date(),
    dentistDate: date(later),
    parentsVisit: date(later),
    anniversary: date(),
    passportExpiry: date(later),
    raceDate: date(later),
    deadlineA: date([MONTHS[deadlineMonth]]),
    deadlineB: date([MONTHS[deadlineMonth + random.int(1, 2)]]),
    sisterAge: String(random.int(24, 45)),
    flat: String(random.int(3, 148)),
    dogAge: String(random.pick([2, 3, 4, 5, 6, 8, 9, 10, 11])),
    teamSize: String(random.int(6, 19)),
    rent: money(random.int(36, 96) * 25),
    savings: money(random.int(3, 18) * 50),
    bikePrice: money(random.int(12, 34) * 100 - 1),
    steps: random.pick(["8,000", "9,000", "10,000", "11,000", "12,000", "12,500", "15,000"]),
    gymPrice: money(random.int(35, 75)),
    budgetA: money(budgetA),
    budgetB: money(budgetA + random.int(4, 12) * 500),
    guestsA: String(guestsA),
    guestsB: String(guestsA + random.int(8, 20)),
    cuisine: random.pick(CUISINES),
    hatedFood: random.pick(HATED_FOODS),
    coffee: random.pick(COFFEE_ORDERS),
    band: random.pick(BANDS),
    season: random.pick(SEASONS),
    workoutTime: random.pick(WORKOUT_TIMES),
    genre: random.pick(GENRES),
    carA: local.draw(CARS),
    carB: local.draw(CARS),
    dietA: local.draw(DIETS),
    dietB: local.draw(DIETS),
    classDayA: local.draw(WEEKDAYS.slice(0, 5)),
    classDayB: local.draw(WEEKDAYS.slice(0, 5)),
    book: random.pick(BOOKS),
    podcast: random.pick(PODCASTS),
    trail: random.pick(TRAILS),
    dish: random.pick(DISHES),
    plant: random.pick(PLANTS),
    game: random.pick(BOARD_GAMES),
    series: random.pick(SERIES),
  };
  return persona;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Writes messages for one persona: filler values never equal a persona value, so filler never restates a fact. */
class Writer {
  private readonly fillerPools: Record<string, string[]>;

  constructor(
    private readonly random: Random,
    private readonly persona: Persona,
  ) {
    const personaValues = new Set(Object.values(persona));
    this.fillerPools = Object.fromEntries(
      Object.entries(FILLER_VALUES).map(([key, pool]) => [key, pool.filter((value) => !personaValues.has(value))]),
    );
  }

  /** Replaces {key} with the persona's value, or a random filler value; throws on an unknown key. */
  fill(template: string): string {
    return template.replace(/\{(\w+)\}/g, (_, key: string) => {
      if (key in this.persona) return this.persona[key];
      const pool = this.fillerPools[key];
      if (!pool) throw new Error(`unknown placeholder {${key}} in "${template}"`);
      return this.random.pick(pool);
    });
  }

  /** Fills `count` distinct templates of a pool. */
  sentences(pool: readonly string[], count: number): string[] {
    return this.random.sample(pool, count).map((template) => this.fill(template));
  }

  /** Joins parts, adding sentences from `extra` until the text has at least MIN_WORDS words; throws past MAX_WORDS. */
  compose(parts: string[], extra: readonly string[]): string {
    const unused = this.random.shuffle(extra);
    while (words(parts.join(" ")) < MIN_WORDS) {
      const next = unused.pop();
      if (next === undefined) throw new Error(`cannot pad "${parts.join(" ")}"`);
      const sentence = this.fill(next);
      if (!parts.includes(sentence)) parts.push(sentence);
    }
    const text = parts.join(" ");
    if (words(text) > MAX_WORDS) throw new Error(`message too long (${words(text)} words): ${text}`);
    return text;
  }

  /** A filler exchange on a random topic: tech questions get their matching answer. */
  fillerExchange(): [string, string] {
    const topics = Object.keys(USER_SENTENCES);
    if (this.random.chance(0.1)) {
      const exchange = this.random.pick(TECH_EXCHANGES);
      const lead = this.random.chance(0.6) ? [this.random.pick(TECH_LEADS)] : [];
      const opener = this.random.chance(0.4) ? this.sentences(USER_SENTENCES.smalltalk, 1) : [];
      const question = this.compose([...opener, ...lead, this.fill(exchange.question)], USER_SENTENCES.smalltalk);
      const closing = this.random.chance(0.5) ? [this.random.pick(TECH_CLOSERS)] : [];
      return [question, this.compose([this.fill(exchange.answer), ...closing], TECH_CLOSERS)];
    }
    const topic = this.random.pick(topics);
    for (;;) {
      const count = this.random.int(1, 3);
      const user = this.sentences(USER_SENTENCES[topic], count);
      if (this.random.chance(0.25)) user.unshift(...this.sentences(USER_SENTENCES[this.random.pick(topics)], 1));
      const reply = this.sentences(ASSISTANT_SENTENCES[topic], this.random.int(1, 2));
      if (this.random.chance(0.25)) reply.push(...this.sentences(ASSISTANT_SENTENCES.smalltalk, 1));
      if (this.random.chance(0.5)) reply.push(this.random.pick(FOLLOW_UPS));
      const userText = [...new Set(user)];
      if (words(userText.join(" ")) > MAX_WORDS || words(reply.join(" ")) > MAX_WORDS) continue;
      return [this.compose(userText, USER_SENTENCES[topic]), this.compose(reply, ASSISTANT_SENTENCES.ack)];
    }
  }

  /** A user message carrying a fact statement, sometimes wrapped in an opener and small talk. */
  factMessage(statement: string): string {
    for (;;) {
      const parts: string[] = [];
      if (this.random.chance(0.35)) parts.push(...this.sentences(USER_SENTENCES[this.random.pick(Object.keys(USER_SENTENCES))], 1));
      if (this.random.chance(0.3)) parts.push(this.random.pick(FACT_OPENERS));
      parts.push(this.fill(statement));
      if (this.random.chance(0.25)) parts.push(...this.sentences(USER_SENTENCES.smalltalk, 1));
      if (words(parts.join(" ")) <= MAX_WORDS) return this.compose(parts, USER_SENTENCES.smalltalk);
    }
  }

  /** The assistant's acknowledgement of a fact: generic, so it never repeats the fact's value. */
  acknowledgement(): string {
    const reply = this.sentences(ASSISTANT_SENTENCES.ack, this.random.int(1, 2));
    if (this.random.chance(0.5)) reply.push(this.random.pick(FOLLOW_UPS));
    return this.compose(reply, ASSISTANT_SENTENCES.ack);
  }

  /** The assistant's reply that names a recommendation. */
  recommendation(reply: string): string {
    const parts = [this.fill(reply)];
    if (this.random.chance(0.5)) parts.push(this.random.pick(RECOMMENDATION_FOLLOW_UPS));
    return this.compose(parts, RECOMMENDATION_FOLLOW_UPS);
  }
}

/** One exchange that carries a fact: the user message, the assistant reply, and which of them bears the answer. */
interface PlannedEvent {
  id: string;
  user: string;
  assistant: string;
  bearer: "user" | "assistant";
  /** The event that must come earlier, at least `minGap` user turns before this one. */
  after?: string;
  minGap: number;
}

interface PlannedQuestion {
  kind: QuestionKind;
  question: string;
  answer: string;
  /** Ids of the events whose answer-bearing messages are the evidence. */
  events: string[];
}

function planFacts(random: Random, writer: Writer, persona: Persona): { events: PlannedEvent[]; questions: PlannedQuestion[] } {
  const events: PlannedEvent[] = [];
  const questions: PlannedQuestion[] = [];
  const statement = (id: string, template: string, after?: string, minGap = 0) =>
    events.push({ id, user: writer.factMessage(template), assistant: writer.acknowledgement(), bearer: "user", after, minGap });
  const value = (key: string) => {
    const found = persona[key];
    if (found === undefined) throw new Error(`persona has no value for "${key}"`);
    return found;
  };

  for (const fact of [...FACTS, ...MORE_FACTS]) {
    statement(fact.id, random.pick(fact.statements));
    questions.push({ kind: fact.kind, question: random.pick(fact.questions), answer: value(fact.answer), events: [fact.id] });
  }
  for (const change of random.sample(CHANGES, CHANGES_PER_CONVERSATION)) {
    const before = `${change.id}:before`;
    const after = `${change.id}:after`;
    statement(before, random.pick(change.statements));
    statement(after, random.pick(change.corrections), before, 40);
    questions.push({ kind: "change", question: random.pick(change.currentQuestions), answer: value(change.after), events: [after] });
    if (random.chance(0.75)) {
      questions.push({
        kind: "change",
        question: random.pick(change.originalQuestions),
        answer: value(change.before),
        events: [before, after],
      });
    }
  }
  for (const recommendation of random.sample(RECOMMENDATIONS, RECOMMENDATIONS_PER_CONVERSATION)) {
    const lead = random.chance(0.3) ? writer.sentences(USER_SENTENCES.smalltalk, 1) : [];
    events.push({
      id: recommendation.id,
      user: writer.compose([...lead, writer.fill(random.pick(recommendation.asks))], USER_SENTENCES.smalltalk),
      assistant: writer.recommendation(random.pick(recommendation.replies)),
      bearer: "assistant",
      minGap: 0,
    });
    questions.push({
      kind: "recommendation",
      question: random.pick(recommendation.questions),
      answer: value(recommendation.answer),
      events: [recommendation.id],
    });
  }
  for (const hop of MULTI_HOPS) {
    statement(hop.id, random.pick(hop.statements), hop.requires, 15);
    questions.push({ kind: "multi-hop", question: random.pick(hop.questions), answer: value(hop.answer), events: [hop.requires, hop.id] });
  }
  return { events, questions };
}

/**
 * Gives each event a user slot (0-based index of user messages). About half of the events land in the first
 * 200 messages; an event with `after` lands at least `minGap` slots after that event; events avoid neighbours.
 */
function placeEvents(random: Random, events: PlannedEvent[], maxSlot: number): Map<string, number> {
  const slots = new Map<string, number>();
  const taken = new Set<number>();
  const dependedOn = new Set(events.map((event) => event.after));
  const choose = (lo: number, hi: number) => {
    const free: number[] = [];
    for (let slot = lo; slot <= hi; slot++) if (!taken.has(slot)) free.push(slot);
    const spaced = free.filter((slot) => !taken.has(slot - 1) && !taken.has(slot + 1));
    if (free.length === 0) throw new Error(`no free slot in [${lo}, ${hi}]`);
    const slot = random.pick(spaced.length > 0 ? spaced : free);
    taken.add(slot);
    return slot;
  };
  const earlyTarget = Math.round(events.length / 2);
  random.shuffle(events.filter((event) => !event.after)).forEach((event, i) => {
    const [lo, hi] = i < earlyTarget ? [1, EARLY_SLOTS - 1] : [EARLY_SLOTS, maxSlot];
    // Leave room after an event that others must follow.
    slots.set(event.id, choose(lo, dependedOn.has(event.id) ? Math.min(hi, maxSlot - 80) : hi));
  });
  for (const event of events.filter((event) => event.after)) {
    const earliest = slots.get(event.after!);
    if (earliest === undefined) throw new Error(`${event.id} must follow ${event.after}, which is not placed`);
    slots.set(event.id, choose(Math.min(earliest + event.minGap, maxSlot), maxSlot));
  }
  return slots;
}

/** Sessions of 10–30 messages (whole user–assistant pairs) a minute or two apart, on days 3–9 days apart, from early 2025. */
function timestamps(random: Random, count: number, index: number): string[] {
  const result: string[] = [];
  let day = Date.UTC(2025, 0, 6) + (index * 2 + random.int(0, 5)) * DAY_MS;
  let remaining = Math.ceil(count / 2);
  while (remaining > 0) {
    let pairs = random.int(5, 15);
    if (remaining - pairs < 5) pairs = remaining <= 15 ? remaining : remaining - 5;
    let time = day + random.int(7 * 60, 21 * 60) * 60_000;
    for (let i = 0; i < 2 * pairs; i++) {
      result.push(new Date(time).toISOString());
      time += random.int(60, 150) * 1000;
    }
    remaining -= pairs;
    day += random.int(3, 9) * DAY_MS;
  }
  return result.slice(0, count);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const mentions = (text: string, answer: string) => new RegExp(`(?<!\\w)${escapeRegExp(answer)}(?!\\w)`, "i").test(text);

/** Throws unless every question's answer is in its evidence, and no filler message mentions any answer. */
function check(index: number, messages: EvalMessage[], questions: EvalQuestion[], eventPositions: Set<number>): void {
  const where = `conversation ${index}`;
  if (questions.length < MIN_QUESTIONS_PER_CONVERSATION) throw new Error(`${where}: only ${questions.length} questions`);
  messages.forEach((message, i) => {
    const expected = i % 2 === 0 ? "user" : "assistant";
    if (message.role !== expected) throw new Error(`${where}: message ${i + 1} should be from the ${expected}`);
    const count = words(message.content);
    if (count < MIN_WORDS || count > MAX_WORDS) throw new Error(`${where}: message ${i + 1} has ${count} words: ${message.content}`);
    if (i > 0 && message.createdAt <= messages[i - 1].createdAt)
      throw new Error(`${where}: message ${i + 1} is not after the previous one`);
  });
  for (const question of questions) {
    if (!question.evidence.some((position) => messages[position - 1].content.includes(question.answer))) {
      throw new Error(`${where}: answer "${question.answer}" of "${question.question}" is in none of its evidence ${question.evidence}`);
    }
    if (mentions(question.question, question.answer)) throw new Error(`${where}: "${question.question}" gives away its answer`);
    messages.forEach((message, i) => {
      if (!eventPositions.has(i + 1) && mentions(message.content, question.answer)) {
        throw new Error(`${where}: filler message ${i + 1} mentions the answer "${question.answer}": ${message.content}`);
      }
    });
  }
}

function buildConversation(
  random: Random,
  index: number,
  globallyTaken: Set<string>,
): { conversation: EvalConversation; questions: EvalQuestion[] } {
  const persona = makePersona(random, index, globallyTaken);
  const writer = new Writer(random, persona);
  const length = random.int(MIN_MESSAGES, MAX_MESSAGES);
  // The last slot whose assistant reply still fits in the conversation.
  const maxSlot = Math.floor((length - 2) / 2);
  const { events, questions } = planFacts(random, writer, persona);
  const slots = placeEvents(random, events, maxSlot);
  const bySlot = new Map(events.map((event) => [slots.get(event.id)!, event]));

  const contents: string[] = [];
  const eventPositions = new Set<number>();
  for (let slot = 0; contents.length < length; slot++) {
    const event = bySlot.get(slot);
    const [user, assistant] = event ? [event.user, event.assistant] : writer.fillerExchange();
    contents.push(user);
    if (contents.length < length) contents.push(assistant);
    if (event) eventPositions.add(2 * slot + 1).add(2 * slot + 2);
  }
  const times = timestamps(random, length, index);
  const messages: EvalMessage[] = contents.map((content, i) => ({
    role: i % 2 === 0 ? "user" : "assistant",
    content,
    createdAt: times[i],
  }));

  const position = (id: string) => {
    const event = events.find((candidate) => candidate.id === id);
    if (!event) throw new Error(`no event ${id}`);
    return 2 * slots.get(id)! + (event.bearer === "user" ? 1 : 2);
  };
  const evalQuestions: EvalQuestion[] = questions.map((question) => ({
    conversation: index,
    question: question.question,
    answer: question.answer,
    kind: question.kind,
    evidence: [...new Set(question.events.map(position))].sort((a, b) => a - b),
  }));
  check(index, messages, evalQuestions, eventPositions);
  return { conversation: { title: `${persona.user}: life, work and projects`, messages }, questions: evalQuestions };
}

/** The project's memory evaluation set; the same seed always gives the same set. */
export function generateEvalSet(seed = 20261124): EvalSet {
  const random = new Random(seed);
  const globallyTaken = new Set<string>();
  const conversations: EvalConversation[] = [];
  const questions: EvalQuestion[] = [];
  for (let index = 0; index < CONVERSATIONS; index++) {
    const built = buildConversation(random, index, globallyTaken);
    conversations.push(built.conversation);
    questions.push(...built.questions);
  }
  return evalSetSchema.parse({ name: "long-conversation memory", seed, conversations, questions });
}

function summary(set: EvalSet): string {
  const byKind = new Map<string, number>();
  for (const question of set.questions) byKind.set(question.kind, (byKind.get(question.kind) ?? 0) + 1);
  const evidence = set.questions.flatMap((question) => question.evidence);
  const early = evidence.filter((position) => position <= 200).length;
  const samples = [
    set.questions.find((question) => question.kind === "multi-hop"),
    set.questions.find((question) => question.kind === "change" && question.evidence.length > 1),
    set.questions.find((question) => question.kind === "recommendation"),
  ].filter((question) => question !== undefined);
  const first = set.conversations[0].messages;
  const last = first[first.length - 1];
  return [
    `Set "${set.name}" (seed ${set.seed}): ${set.conversations.length} conversations, ${set.questions.length} questions.`,
    `Messages per conversation: ${set.conversations.map((conversation) => conversation.messages.length).join(", ")}.`,
    `Conversation 0 runs from ${first[0].createdAt} to ${last.createdAt}.`,
    `Questions by kind: ${[...byKind.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, count]) => `${kind} ${count}`)
      .join(", ")}.`,
    `Questions per conversation: ${set.conversations.map((_, i) => set.questions.filter((question) => question.conversation === i).length).join(", ")}.`,
    `Evidence messages in the first 200 messages: ${early} of ${evidence.length}.`,
    "",
    ...samples.flatMap((question) => [
      `[${question.kind}] (conversation ${question.conversation}) ${question.question} -> ${question.answer}`,
      ...question.evidence.map(
        (position) =>
          `  #${position} ${set.conversations[question.conversation].messages[position - 1].role}: ${set.conversations[question.conversation].messages[position - 1].content}`,
      ),
    ]),
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outPath = process.argv[2] ?? "/tmp/eval-set.json";
  const set = generateEvalSet();
  writeFileSync(outPath, `${JSON.stringify(set, null, 2)}\n`);
  console.log(`Wrote ${outPath}.`);
  console.log(summary(set));
}
