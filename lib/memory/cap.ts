import type { MemoryBuffer, StoredMessageJson } from "./schema";
import { offlineSummary } from "./summary";

const encoder = new TextEncoder();

export function byteSize(memory: MemoryBuffer): number {
  return encoder.encode(JSON.stringify(memory)).length;
}

const withContent = <T extends StoredMessageJson>(message: T, content: string): T => ({ ...message, data: { ...message.data, content } });

/** Facts kept before the window itself is touched. */
const FACTS_FLOOR = 10;

function shrinkOnce(memory: MemoryBuffer): MemoryBuffer | null {
  const { short_term_memory: window, long_term_memory: longTerm } = memory;
  if (longTerm.facts.length > FACTS_FLOOR) {
    return { ...memory, long_term_memory: { ...longTerm, facts: longTerm.facts.slice(1) } };
  }
  if (longTerm.summary.length > 200) {
    const kept = longTerm.summary.slice(Math.floor(longTerm.summary.length / 4));
    return { ...memory, long_term_memory: { ...longTerm, summary: `…${kept.replace(/^\S*\s/, "")}` } };
  }
  if (window.messages.length > 2) {
    // Faster than summaries can keep up (a burst of turns): fold the oldest message in as its gist.
    return {
      ...memory,
      short_term_memory: { messages: window.messages.slice(1) },
      long_term_memory: {
        ...longTerm,
        summary: offlineSummary(longTerm.summary, window.messages.slice(0, 1)),
        summarized_messages: longTerm.summarized_messages + 1,
      },
    };
  }
  const longest = window.messages.reduce(
    (best, message, index) => (message.data.content.length > (window.messages[best]?.data.content.length ?? 0) ? index : best),
    0,
  );
  const message = window.messages[longest];
  if (message && message.data.content.length > 200) {
    const content = `${message.data.content.slice(0, Math.floor(message.data.content.length / 2)).toWellFormed()}…`;
    const messages = window.messages.map((m, i) => (i === longest ? withContent(m, content) : m));
    return { ...memory, short_term_memory: { messages } };
  }
  if (longTerm.facts.length > 0) {
    return { ...memory, long_term_memory: { ...longTerm, facts: longTerm.facts.slice(1) } };
  }
  const keys = Object.keys(memory.user_preferences);
  if (keys.length > 0) {
    const { [keys[keys.length - 1]]: _dropped, ...rest } = memory.user_preferences;
    return { ...memory, user_preferences: rest };
  }
  return null;
}

/**
 * Shrinks memory until its JSON fits in maxBytes: old facts first, then the oldest part of the
 * summary, then the oldest window messages (folded into the summary as their gist, so every message
 * stays accounted for), then over-long messages. Archived legacy sessions and recovered buffers are
 * never dropped, so only they can keep a buffer over the cap.
 */
export function enforceCap(memory: MemoryBuffer, maxBytes: number): MemoryBuffer {
  // UTF-8 needs at most three bytes per UTF-16 unit, so short JSON needs no exact count.
  if (JSON.stringify(memory).length * 3 <= maxBytes) return memory;
  let current = memory;
  while (byteSize(current) > maxBytes) {
    const next = shrinkOnce(current);
    if (!next) break;
    current = next;
  }
  return current;
}
