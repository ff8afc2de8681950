import type { MemoryBuffer, StoredMessageJson } from "./schema";
import { offlineSummary } from "./summary";

const encoder = new TextEncoder();

const jsonBytes = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

export function byteSize(memory: MemoryBuffer): number {
  return jsonBytes(memory);
}

const withContent = <T extends StoredMessageJson>(message: T, content: string): T => ({ ...message, data: { ...message.data, content } });

/** Facts kept before the window itself is touched. */
const FACTS_FLOOR = 10;

/** A message taking more than this share of the cap alone is cut before anything else goes. */
const ONE_MESSAGE_SHARE = 0.5;

/**
 * Bytes of memory's JSON as it shrinks, part by part: a window message is measured once, whatever
 * the number of steps, so shrinking costs about one serialization rather than one a step (a huge
 * message after a hundred small ones took a hundred, 300 ms in one piece).
 */
function sizer() {
  const messages = new WeakMap<StoredMessageJson, number>();
  const message = (m: StoredMessageJson) => {
    let bytes = messages.get(m);
    if (bytes === undefined) {
      bytes = jsonBytes(m);
      messages.set(m, bytes);
    }
    return bytes;
  };
  // `{"messages":[…]}`: the window's wrapper, its messages and the commas between them.
  const wrapper = jsonBytes({ messages: [] });
  const part = (key: keyof MemoryBuffer, value: MemoryBuffer[keyof MemoryBuffer]) => {
    if (key !== "short_term_memory") return jsonBytes(value);
    const window = (value as MemoryBuffer["short_term_memory"]).messages;
    return wrapper + window.reduce((sum, m) => sum + message(m), 0) + Math.max(0, window.length - 1);
  };
  return {
    message,
    /** Bytes gained (or lost, negative) from `before` to `after`: only the parts that changed are measured. */
    change(before: MemoryBuffer, after: MemoryBuffer): number {
      let change = 0;
      for (const key of Object.keys(after) as (keyof MemoryBuffer)[]) {
        if (after[key] !== before[key]) change += part(key, after[key]) - (before[key] === undefined ? 0 : part(key, before[key]));
      }
      return change;
    },
  };
}

function shrinkOnce(memory: MemoryBuffer, maxBytes: number, bytesOf: (message: StoredMessageJson) => number): MemoryBuffer | null {
  const { short_term_memory: window, long_term_memory: longTerm } = memory;
  const longest = window.messages.reduce(
    (best, message, index) => (message.data.content.length > (window.messages[best]?.data.content.length ?? 0) ? index : best),
    0,
  );
  const message = window.messages[longest];
  const halve = () => {
    const content = `${message.data.content.slice(0, Math.floor(message.data.content.length / 2)).toWellFormed()}…`;
    const messages = window.messages.map((m, i) => (i === longest ? withContent(m, content) : m));
    return { ...memory, short_term_memory: { messages } };
  };
  // One message over half the cap is what must give: nothing else is folded away for it.
  if (message && message.data.content.length > 200 && bytesOf(message) > maxBytes * ONE_MESSAGE_SHARE) return halve();
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
  if (message && message.data.content.length > 200) return halve();
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
 * Shrinks memory until its JSON fits in maxBytes: a message that alone takes half of it is cut first;
 * then old facts, the oldest part of the summary, the oldest window messages (folded into the summary
 * as their gist, so every message stays accounted for), then over-long messages. Archived legacy
 * sessions and recovered buffers are never dropped, so only they can keep a buffer over the cap.
 */
export function enforceCap(memory: MemoryBuffer, maxBytes: number): MemoryBuffer {
  // UTF-8 needs at most three bytes per UTF-16 unit, so short JSON needs no exact count.
  if (JSON.stringify(memory).length * 3 <= maxBytes) return memory;
  const sizes = sizer();
  let current = memory;
  let bytes = byteSize(memory);
  while (bytes > maxBytes) {
    const next = shrinkOnce(current, maxBytes, sizes.message);
    if (!next) break;
    bytes += sizes.change(current, next);
    current = next;
  }
  return current;
}
