import { type Extraction, normalFact, preferenceKeySchema, preferenceValueSchema } from "./bounds";
import type { Learned, MemoryBuffer } from "./schema";

/**
 * A fact's key in `learned`: a hash of its text as mergeFacts compares it (case aside), so that the
 * note costs a few bytes beside a fact of up to 300 characters.
 */
export function factKey(fact: string): string {
  // Two FNV-1a hashes from different starts: 64 bits, so 25,000 facts collide about once in a billion.
  let low = 0x811c9dc5;
  let high = 0x01000193;
  const text = fact.toLowerCase();
  for (let i = 0; i < text.length; i++) {
    low = Math.imul(low ^ text.charCodeAt(i), 0x01000193);
    high = Math.imul(high ^ text.charCodeAt(i), 0x0100019d);
  }
  return `${(low >>> 0).toString(36)}${(high >>> 0).toString(36)}`;
}

/** Keeps only the notes of what memory still holds: a forgotten or displaced item takes its note along. */
export function pruneLearned(memory: MemoryBuffer): MemoryBuffer {
  if (!memory.learned) return memory;
  const facts = new Set(memory.long_term_memory.facts.map(factKey));
  const keep = <T>(notes: Record<string, T>, held: (key: string) => boolean) =>
    Object.fromEntries(Object.entries(notes).filter(([key]) => held(key)));
  return {
    ...memory,
    learned: {
      preferences: keep(memory.learned.preferences, (key) => Object.hasOwn(memory.user_preferences, key)),
      facts: keep(memory.learned.facts, (key) => facts.has(key)),
    },
  };
}

/**
 * The note of a preference set by `source`. A private statement over a value said for memory across
 * chats keeps that value (`was`): what someone else, or the user with it off, says in a conversation
 * neither feeds nor takes from the memory it feeds.
 */
function preferenceNote(source: Learned, before: Learned | undefined, beforeValue: string | undefined, value: string): Learned {
  if (!source.private) return source;
  // The same value said again privately: it stays as it was said for memory across chats.
  if (before && !before.private && beforeValue === value) return before;
  if (before?.private) return before.was ? { ...source, was: before.was } : source;
  return before && beforeValue !== undefined ? { ...source, was: { text: beforeValue, at: before.at, seq: before.seq } } : source;
}

/**
 * Notes `source` for what `taught` put in memory (a preference it set, a fact it stated, again or for
 * the first time: the latest saying counts), then prunes the notes to what memory holds. `before`:
 * memory before the statement, whose notes a private one keeps (preferenceNote).
 */
export function noteLearned(memory: MemoryBuffer, taught: Extraction, source: Learned, before: MemoryBuffer = memory): MemoryBuffer {
  const preferences = { ...memory.learned?.preferences };
  const facts = { ...memory.learned?.facts };
  for (const { key, value } of taught.preferences) {
    const name = preferenceKeySchema.safeParse(key);
    const said = preferenceValueSchema.safeParse(value);
    if (!name.success || !said.success || memory.user_preferences[name.data] !== said.data) continue;
    preferences[name.data] = preferenceNote(source, before.learned?.preferences[name.data], before.user_preferences[name.data], said.data);
  }
  const held = new Set(memory.long_term_memory.facts.map(factKey));
  for (const fact of taught.facts) {
    const key = factKey(normalFact(fact));
    // A fact said again privately stays as it was said for memory across chats.
    if (held.has(key) && !(source.private && facts[key] && !facts[key].private)) facts[key] = source;
  }
  return pruneLearned({ ...memory, learned: { preferences, facts } });
}
