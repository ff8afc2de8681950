// Writes the messages of the dialogue set (generate-dialogues.ts): small talk that drifts from topic to
// topic, and facts wrapped in it, so that a fact is one clause of a longer message, as people say things.
import { ASKS, GOODBYE_REPLIES, GOODBYES, GREETING_REPLIES, GREETINGS, REACTIONS, SLOTS, TOPICS } from "./dialogue-pools";
import type { Random } from "./random";

export interface Speaker {
  name: string;
  /** Possessive and subject pronouns, for questions about them. */
  her: string;
  she: string;
}

/** Talk drifts: after a message, the topic changes this often. */
const DRIFT = 0.25;
/** Draws of a small-talk frame until one not yet said in this session. */
const FRESH_TRIES = 8;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export class DialogueWriter {
  private topic: string;
  private said = new Set<string>();

  constructor(
    private readonly random: Random,
    private readonly first: Speaker,
    private readonly second: Speaker,
  ) {
    this.topic = random.pick(Object.keys(TOPICS));
  }

  /** A new session starts on a topic of its own. */
  nextSession(): void {
    this.topic = this.random.pick(Object.keys(TOPICS));
    this.said.clear();
  }

  /** A sentence of the current topic, its slots filled; a frame said before in this session only if it must be. */
  private sentence(): string {
    let frame = "";
    for (let i = 0; i < FRESH_TRIES && (i === 0 || this.said.has(frame)); i++) frame = this.random.pick(TOPICS[this.topic]);
    this.said.add(frame);
    return frame.replace(/\{(\w+)\}/g, (_, slot: string) => this.random.pick(SLOTS[slot]));
  }

  /** Small talk by `by` at `local` in a session of `length`: greetings open it, goodbyes close it. */
  smallTalk(by: Speaker, local: number, length: number): string {
    if (local === 0) return this.join(by, [this.random.pick(GREETINGS)]);
    if (local === 1) return this.join(by, [this.random.pick(GREETING_REPLIES)]);
    if (local === length - 2) return this.join(by, [this.random.pick(GOODBYES)]);
    if (local === length - 1) return this.join(by, [this.random.pick(GOODBYE_REPLIES)]);
    if (this.random.chance(DRIFT)) this.topic = this.random.pick(Object.keys(TOPICS));
    const parts = this.random.chance(0.5) ? [this.random.pick(REACTIONS)] : [];
    parts.push(this.sentence());
    if (this.random.chance(0.5)) parts.push(this.sentence());
    if (this.random.chance(0.3)) parts.push(this.random.pick(ASKS));
    return this.join(by, parts);
  }

  /** A fact said in passing: at least one sentence of small talk before or after it. */
  inPassing(by: Speaker, statement: string): string {
    const before = [
      ...(this.random.chance(0.4) ? [this.random.pick(REACTIONS)] : []),
      ...(this.random.chance(0.5) ? [this.sentence()] : []),
    ];
    const after =
      before.length === 0 || this.random.chance(0.5) ? [this.random.chance(0.7) ? this.sentence() : this.random.pick(ASKS)] : [];
    return this.join(by, [...before, statement, ...after]);
  }

  /** The other speaker's question that the next message answers. */
  asking(by: Speaker, ask: string): string {
    return this.join(by, [...(this.random.chance(0.5) ? [this.random.pick(REACTIONS)] : []), ask]);
  }

  /** The answer to that question, sometimes followed by small talk. */
  replying(by: Speaker, reply: string): string {
    return this.join(by, [reply, ...(this.random.chance(0.4) ? [this.sentence()] : [])]);
  }

  /** The parts as one message, {other} naming whoever `by` talks to. */
  private join(by: Speaker, parts: string[]): string {
    const other = by === this.first ? this.second : this.first;
    return parts.map((part) => capitalized(part.replaceAll("{other}", other.name))).join(" ");
  }
}
