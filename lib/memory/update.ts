import { type Extraction, MAX_FACTS, MAX_PREFERENCES, normalFact, preferenceKeySchema, preferenceValueSchema } from "./bounds";
import { enforceCap } from "./cap";
import { noteLearned, pruneLearned } from "./learned";
import { type MemoryMessage, seqOf, toStoredMessage } from "./messages";
import { emptyMemory, type Learned, type MemoryBuffer } from "./schema";

/** One exchange as memory records it. */
export interface Exchange {
  user: MemoryMessage;
  /** The reply as far as it got (complete, or partial when stopped); null when there is none. */
  assistant: MemoryMessage | null;
  extraction: Extraction;
  at: Date;
  /** When the user message was sent, if not `at`: what it teaches is noted as said then. */
  saidAt?: Date;
  /** What the user message teaches joins the memory across chats (see Learned.private); true unless said otherwise. */
  feedsMemory?: boolean;
}

/** Merges valid key/value pairs; a null value deletes the key. New keys stop at MAX_PREFERENCES. */
export function mergePreferences(
  current: Record<string, string>,
  changes: { key: string; value: string | null }[],
): Record<string, string> {
  const next = { ...current };
  for (const change of changes) {
    const key = preferenceKeySchema.safeParse(change.key);
    if (!key.success) continue;
    if (change.value === null) {
      delete next[key.data];
      continue;
    }
    const value = preferenceValueSchema.safeParse(change.value);
    if (!value.success) continue;
    if (!Object.hasOwn(next, key.data) && Object.keys(next).length >= MAX_PREFERENCES) continue;
    next[key.data] = value.data;
  }
  return next;
}

export function mergeFacts(current: string[], incoming: string[]): string[] {
  const seen = new Set(current.map((fact) => fact.toLowerCase()));
  const added = incoming
    .map(normalFact)
    .filter((fact) => fact.isWellFormed() && fact.length > 0 && !seen.has(fact.toLowerCase()) && seen.add(fact.toLowerCase()));
  return [...current, ...added].slice(-MAX_FACTS);
}

/**
 * A message as the window keeps it: at most half the cap's worth of characters, which the cap would
 * cut it to anyway. The whole message stays stored (and recalled); memory never carries, counts and
 * measures 100,000 characters to drop most of them.
 */
function windowCopy(message: MemoryMessage, maxBytes: number): MemoryMessage {
  const most = Math.floor(maxBytes / 2);
  return message.content.length <= most ? message : { ...message, content: `${message.content.slice(0, most).toWellFormed()}…` };
}

/**
 * The memory after a turn: its messages join the window in conversation order (a message already
 * there is not added again, so applying a turn twice changes nothing), what the user taught is
 * merged, and the result is held under the cap.
 */
export function applyTurn(memory: MemoryBuffer, turn: Exchange, maxBytes: number): MemoryBuffer {
  const present = new Set(memory.short_term_memory.messages.map((message) => message.data.id));
  const incoming = [turn.user, turn.assistant]
    .filter((message): message is MemoryMessage => message !== null && !present.has(message.id))
    .map((message) => toStoredMessage(windowCopy(message, maxBytes)));
  if (incoming.length === 0) return memory;
  const newTurn = !present.has(turn.user.id);
  const messages = [...memory.short_term_memory.messages, ...incoming].sort((a, b) => seqOf(a) - seqOf(b));
  const capped = enforceCap(
    {
      ...memory,
      short_term_memory: { messages },
      long_term_memory: {
        ...memory.long_term_memory,
        facts: mergeFacts(memory.long_term_memory.facts, turn.extraction.facts),
      },
      user_preferences: mergePreferences(memory.user_preferences, turn.extraction.preferences),
      stats: { ...memory.stats, turns: memory.stats.turns + (newTurn ? 1 : 0), updated_at: turn.at.toISOString() },
    },
    maxBytes,
  );
  const source: Learned = {
    at: (turn.saidAt ?? turn.at).toISOString(),
    seq: turn.user.seq,
    ...(turn.feedsMemory === false && { private: true }),
  };
  return noteLearned(capped, turn.extraction, source, memory);
}

export type ClearScope = "summary" | "preferences" | "all";

/** Forgets part of memory. Archived legacy sessions and recovered buffers stay: they are records, not memory. */
export function clearedMemory(memory: MemoryBuffer, scope: ClearScope, at: Date): MemoryBuffer {
  const stats = { ...memory.stats, updated_at: at.toISOString() };
  switch (scope) {
    case "summary":
      return pruneLearned({ ...memory, long_term_memory: { summary: "", summarized_messages: 0, facts: [] }, stats });
    case "preferences":
      return pruneLearned({ ...memory, user_preferences: {}, stats });
    case "all": {
      const { legacy_sessions, recovered } = memory;
      return {
        ...emptyMemory(),
        stats: { ...emptyMemory().stats, updated_at: at.toISOString() },
        ...(legacy_sessions && { legacy_sessions }),
        ...(recovered && { recovered }),
      };
    }
  }
}
