import { type AnswerKind, holdsAnswer } from "./recall-answer-kind";
import type { SearchTerm } from "./recall-terms";
import { countTokens, EXACT_COUNT_CHARS, MESSAGE_OVERHEAD_TOKENS } from "./tokens";

/** How recall found a message: its own words, its meaning, or next to a message found either way. */
export type RecallSource = "words" | "meaning" | "neighbour";

/** An older message that may be recalled (stage two of recall). */
export interface RecallCandidate {
  seq: number;
  role: "user" | "assistant" | "system";
  content: string;
  createdAt: Date;
  foundBy: RecallSource;
  /** Its score in stage one: by words (its own, its neighbours' and its day's), fused with meaning's rank. */
  score: number;
}

/** A message put back in front of the model, as one line of the recalled section. */
export interface RecalledMessage {
  seq: number;
  role: "user" | "assistant" | "system";
  createdAt: string;
  foundBy: RecallSource;
  line: string;
  tokens: number;
  /** From another of the user's chats: which one (its title is for the user, never the model). */
  chat?: { conversationId: string; title: string };
}

export const RECALL_HEADING = "Recalled from earlier in this conversation, oldest first, by date (#message number, who said it):";

/** How a recalled section reads: its heading, and what starts each line. */
export interface RecallFormat {
  heading: string;
  prefix: (candidate: RecallCandidate) => string;
}

export const THIS_CONVERSATION: RecallFormat = { heading: RECALL_HEADING, prefix: (candidate) => `#${candidate.seq} ${candidate.role}: ` };

/** A message holding the kind of answer the question asks for (a date for "when …?") counts this much more. */
const ANSWER_KIND_BOOST = 1.5;
/** Matches this much weaker than the best are noise, not memory: they are not worth the tokens. */
const MIN_SHARE_OF_BEST = 0.05;
/** No single message takes more than this share of the budget; a longer one is cut to its matching sentences. */
const MAX_ITEM_SHARE = 0.4;
/** Room for less than this holds no line worth reading. */
const MIN_LINE_TOKENS = 8;
/** An excerpt shorter than this says too little to be worth its line. */
const MIN_EXCERPT_TOKENS = 40;

/** The matching sentences of a long message, in order, within maxTokens. */
function excerpt(content: string, words: string[], maxTokens: number): string {
  const sentences = content.match(/[^.!?\n]+[.!?]*\s*/g) ?? [content];
  const stems = words.map((word) => word.toLowerCase().slice(0, Math.max(4, word.length - 2)));
  const matching = sentences.filter((sentence) => stems.some((stem) => sentence.toLowerCase().includes(stem)));
  let text = "";
  // Counted a sentence at a time (a token more for each join, where pieces may merge): counting the
  // whole excerpt again for every sentence is quadratic in a message of many short ones.
  let tokens = 0;
  for (const sentence of matching.length ? matching : sentences) {
    const part = `${text ? " … " : ""}${sentence.trim()}`;
    const more = countTokens(part) + 1;
    if (tokens + more > maxTokens) break;
    text += part;
    tokens += more;
  }
  if (text) return `${text.toWellFormed()} …`;
  // One sentence longer than the limit: its start, cut at a word.
  let cut = content.slice(0, maxTokens * 3);
  while (cut.length > 0 && countTokens(cut) > maxTokens - 1) cut = cut.slice(0, Math.floor(cut.length * 0.8)).replace(/\s+\S*$/, "");
  return `${cut.toWellFormed()} …`;
}

function recalledLine(candidate: RecallCandidate, words: string[], maxTokens: number, format: RecallFormat): RecalledMessage {
  const createdAt = candidate.createdAt.toISOString();
  const prefix = format.prefix(candidate);
  const flat = candidate.content.replace(/\s+/g, " ").trim();
  const whole = prefix + flat;
  // A message longer than a whole count is worth is never put whole: its excerpt is counted instead.
  const tokens = whole.length > EXACT_COUNT_CHARS ? Number.POSITIVE_INFINITY : countTokens(whole) + 1;
  if (tokens <= maxTokens || maxTokens < MIN_EXCERPT_TOKENS)
    return { seq: candidate.seq, role: candidate.role, createdAt, foundBy: candidate.foundBy, line: whole, tokens };
  const line = prefix + excerpt(flat, words, maxTokens - countTokens(prefix) - 1);
  return { seq: candidate.seq, role: candidate.role, createdAt, foundBy: candidate.foundBy, line, tokens: countTokens(line) + 1 };
}

/**
 * Stage two: each candidate's score from stage one, more if it holds the kind of answer asked for;
 * the best are packed into the budget (heading included). Returned in conversation order; every seq once.
 */
export function selectRecalled(
  candidates: RecallCandidate[],
  terms: SearchTerm[],
  budgetTokens: number,
  wanted: AnswerKind | null = null,
  format: RecallFormat = THIS_CONVERSATION,
): RecalledMessage[] {
  const headingTokens = countTokens(format.heading) + MESSAGE_OVERHEAD_TOKENS;
  if (candidates.length === 0 || budgetTokens <= headingTokens) return [];
  const bySeq = new Map(candidates.map((candidate) => [candidate.seq, candidate]));
  const boost = (c: RecallCandidate) => (wanted && holdsAnswer(c.content, wanted) ? ANSWER_KIND_BOOST : 1);
  const scores = new Map(candidates.map((c) => [c.seq, c.score * boost(c)] as const));
  const best = Math.max(...scores.values());
  if (best <= 0) return [];
  const words = terms.map((term) => term.word);
  const itemLimit = Math.max(60, Math.floor(budgetTokens * MAX_ITEM_SHARE));
  let left = budgetTokens - headingTokens;
  const chosen: RecalledMessage[] = [];
  const days = new Set<string>();
  const ranked = [...scores.entries()].filter(([, score]) => score >= best * MIN_SHARE_OF_BEST).sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  for (const [seq] of ranked) {
    if (left < MIN_LINE_TOKENS) break;
    const candidate = bySeq.get(seq);
    if (!candidate) continue;
    const day = dayOf(candidate.createdAt.toISOString());
    const dayTokens = days.has(day) ? 0 : DAY_TOKENS;
    // Far too long to fit, and too little room for an excerpt: not worth counting.
    if (left - dayTokens < MIN_EXCERPT_TOKENS && candidate.content.length > (left - dayTokens) * 12) continue;
    const recalled = recalledLine(candidate, words, Math.min(itemLimit, left - dayTokens), format);
    if (recalled.tokens + dayTokens > left) continue;
    chosen.push(recalled);
    days.add(day);
    left -= recalled.tokens + dayTokens;
  }
  // Each line and day was counted above. Only dates out of order (an imported file) repeat a day's line
  // the count missed: then count the section itself, dropping the weakest until it fits.
  while (chosen.length > 0 && !daysInOrder(chosen) && sectionTokens(chosen, format.heading) > budgetTokens) {
    chosen.splice(chosen.indexOf(chosen.reduce((a, b) => ((scores.get(a.seq) ?? 0) <= (scores.get(b.seq) ?? 0) ? a : b))), 1);
  }
  return chosen.sort((a, b) => a.seq - b.seq);
}

const dayOf = (iso: string) => iso.slice(0, 10);

/** In conversation order, each day's messages come together: the section has one line per day. */
function daysInOrder(recalled: RecalledMessage[]): boolean {
  const days = [...recalled].sort((a, b) => a.seq - b.seq).map((message) => dayOf(message.createdAt));
  const runs = days.filter((day, index) => index === 0 || day !== days[index - 1]).length;
  return runs === new Set(days).size;
}

/** A day's line ("2024-05-01") and its newline. */
const DAY_TOKENS = countTokens("2024-05-01") + 1;

/**
 * The recalled section as the model reads it: a line per day, then that day's messages, in
 * conversation order; lines of other chats (`chat`) come in the order given, which is time's.
 */
export function recalledSection(recalled: RecalledMessage[], heading = RECALL_HEADING): string {
  const lines = [heading];
  let day = "";
  for (const message of recalled.some((line) => line.chat) ? recalled : [...recalled].sort((a, b) => a.seq - b.seq)) {
    if (dayOf(message.createdAt) !== day) {
      day = dayOf(message.createdAt);
      lines.push(day);
    }
    lines.push(message.line);
  }
  return lines.join("\n");
}

/** What a recalled section costs in the prompt; nothing when it holds no line. */
export function sectionTokens(recalled: RecalledMessage[], heading = RECALL_HEADING): number {
  return recalled.length ? countTokens(recalledSection(recalled, heading)) + MESSAGE_OVERHEAD_TOKENS : 0;
}
