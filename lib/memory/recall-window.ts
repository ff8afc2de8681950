import { seqOf } from "./messages";
import type { MemoryBuffer } from "./schema";

/** The first position of the live window, or null when the window is empty. */
export function windowStart(memory: MemoryBuffer): number | null {
  const seqs = memory.short_term_memory.messages.map(seqOf).filter((seq) => seq > 0);
  return seqs.length ? Math.min(...seqs) : null;
}

/** The window's latest messages, whose words help say what a short follow-up is about. */
export function recentContext(memory: MemoryBuffer, count = 3): string[] {
  return memory.short_term_memory.messages.slice(-count).map((message) => message.data.content);
}
