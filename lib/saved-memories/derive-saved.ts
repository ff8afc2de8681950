import { factKey } from "../memory/learned";
import type { Learned, MemoryBuffer } from "../memory/schema";
import type { SavedEdits } from "./saved-edits";

export type SavedKind = "preference" | "fact";

/** Where a saved memory was said: a user message of a conversation (seq null: set there by hand), or null for the Memory page. */
export type SavedSource = { conversationId: string; title: string; seq: number | null } | null;

/** One thing known about the user across their conversations. */
export interface SavedItem {
  kind: SavedKind;
  /** A preference's name; a fact's factKey. With the kind, what a later statement replaces. */
  key: string;
  /** The preference's value, or the fact. */
  text: string;
  /** When it was said (ISO). */
  at: string;
  source: SavedSource;
}

/** What one conversation's memory holds about the user, with where each item came from. */
export interface Contribution {
  conversationId: string;
  title: string;
  preferences: Record<string, string>;
  facts: string[];
  learned?: MemoryBuffer["learned"];
  /** For items with no note (memory from before notes were kept): a time that never moves, the conversation's start. */
  fallbackAt: string;
  /** Its items (contributionItems), when already made: the cache makes them once per memory version. */
  items?: SavedItem[];
}

/** Items the derivation looks at, from the most recently used conversations on: what a turn's profile costs has a ceiling. */
export const MAX_SOURCE_ITEMS = 4_000;

/** A conversation's memory as a contribution. */
export function contributionOf(conversationId: string, title: string, memory: MemoryBuffer, fallbackAt: string): Contribution {
  return {
    conversationId,
    title,
    preferences: memory.user_preferences,
    facts: memory.long_term_memory.facts,
    learned: memory.learned,
    fallbackAt,
  };
}

/** Instants as toISOString writes them, so that comparing the strings compares the times. */
const instant = (at: string) => new Date(at).toISOString();

const slot = (item: Pick<SavedItem, "kind" | "key">) => `${item.kind}:${item.key}`;

/** A contribution's items, as said: its title is set, and its dates held to now, when it is derived. */
export function contributionItems(contribution: Omit<Contribution, "title" | "items">): SavedItem[] {
  const items: SavedItem[] = [];
  const add = (kind: SavedKind, key: string, text: string, note: Learned | undefined) => {
    // Said privately: the value said before it for memory across chats, if any, still counts.
    const said = note?.private ? note.was : { text, at: note?.at ?? contribution.fallbackAt, seq: note?.seq ?? null };
    if (!said) return;
    const source = { conversationId: contribution.conversationId, title: "", seq: said.seq };
    items.push({ kind, key, text: said.text, at: instant(said.at), source });
  };
  for (const [key, value] of Object.entries(contribution.preferences))
    add("preference", key, value, contribution.learned?.preferences[key]);
  for (const fact of contribution.facts) {
    const key = factKey(fact);
    add("fact", key, fact, contribution.learned?.facts[key]);
  }
  return items;
}

/** `a` was said after `b`; on the same instant, what was set by hand holds, then the lower conversation id (any fixed order). */
function later(a: SavedItem, b: SavedItem): boolean {
  if (a.at !== b.at) return a.at > b.at;
  if ((a.source === null) !== (b.source === null)) return a.source === null;
  return (a.source?.conversationId ?? "") < (b.source?.conversationId ?? "");
}

/**
 * The saved memories: every item the conversations' memories hold and were not said privately (of
 * the first MAX_SOURCE_ITEMS, conversations in the order given: the most recently used first), and
 * those added by hand; one per preference name and per fact (the latest statement wins); none said
 * before it was forgotten. Newest first.
 */
export function deriveSaved(contributions: Contribution[], edits: SavedEdits, now: Date = new Date()): SavedItem[] {
  const nowIso = now.toISOString();
  const forgotten = new Map<string, string>();
  for (const entry of edits.forgotten) if ((forgotten.get(slot(entry)) ?? "") < entry.at) forgotten.set(slot(entry), entry.at);
  const best = new Map<string, SavedItem>();
  const consider = (item: SavedItem) => {
    if (edits.forgetBefore && item.at <= edits.forgetBefore) return;
    if (item.at <= (forgotten.get(slot(item)) ?? "")) return;
    const held = best.get(slot(item));
    if (!held || later(item, held)) best.set(slot(item), item);
  };
  let looked = 0;
  for (const contribution of contributions) {
    if (looked >= MAX_SOURCE_ITEMS) break;
    const items = (contribution.items ?? contributionItems(contribution)).slice(0, MAX_SOURCE_ITEMS - looked);
    looked += items.length;
    // None is dated after now (an import may date messages a day ahead), so a forget made now reaches all.
    for (const item of items)
      consider({ ...item, at: item.at > nowIso ? nowIso : item.at, source: item.source && { ...item.source, title: contribution.title } });
  }
  for (const added of edits.added) consider({ ...added, source: null });
  return [...best.values()].sort((a, b) => (later(a, b) ? -1 : later(b, a) ? 1 : 0));
}
