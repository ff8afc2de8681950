import type { MemoryBuffer } from "../memory/schema";
import { byteSize } from "../memory/cap";
import { windowTokens } from "../memory/window";

export interface ConversationSummary {
  id: string;
  title: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessageView {
  id: string;
  seq: number;
  role: "user" | "assistant" | "system";
  content: string;
  status: "streaming" | "complete" | "stopped" | "interrupted" | "failed";
  createdAt: string;
}

/** Memory as the memory panel shows it: the parts a user can see and edit, and how big it is. */
export interface MemoryView {
  summary: string;
  summarizedMessages: number;
  facts: string[];
  preferences: Record<string, string>;
  windowMessages: number;
  windowTokens: number;
  turns: number;
  updatedAt: string | null;
  sizeBytes: number;
  recoveredBuffers: number;
}

export function toMemoryView(memory: MemoryBuffer): MemoryView {
  return {
    summary: memory.long_term_memory.summary,
    summarizedMessages: memory.long_term_memory.summarized_messages,
    facts: memory.long_term_memory.facts,
    preferences: memory.user_preferences,
    windowMessages: memory.short_term_memory.messages.length,
    windowTokens: windowTokens(memory),
    turns: memory.stats.turns,
    updatedAt: memory.stats.updated_at,
    sizeBytes: byteSize(memory),
    recoveredBuffers: memory.recovered?.length ?? 0,
  };
}
