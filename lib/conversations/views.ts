import type { AttachmentView } from "../attachments/attachment-view";
import type { MessageRole, MessageStatus } from "../db/generated/enums";
import type { ConversationRow } from "../db/queries/conversation-queries";
import type { MessageRow } from "../db/queries/message-queries";
import { plainText } from "../markdown/plain-text";
import { byteSize } from "../memory/cap";
import type { PromptSection } from "../memory/prompt";
import type { RecallSource } from "../memory/recall-select";
import type { MemoryBuffer } from "../memory/schema";
import { windowTokens } from "../memory/window";
import type { SavedItem } from "../saved-memories/derive-saved";
import type { Versions } from "./branch-path";

// What crosses to the browser: plain JSON, dates as ISO strings.

export interface ConversationSummary {
  id: string;
  title: string | null;
  createdAt: string;
  updatedAt: string;
  /** The model chosen for it; null is the server's default. */
  model: string | null;
  /** A temporary chat: when it is deleted, unless kept. */
  temporaryUntil: string | null;
}

/** A message found by search: where it is, and its words around the match, marked. */
export interface MessageHit {
  conversationId: string;
  title: string | null;
  seq: number;
  role: MessageRole;
  createdAt: string;
  snippet: { text: string; match: boolean }[];
}

const MARK_START = "\u0002";
const MARK_END = "\u0003";

/** A snippet from SEARCH_MESSAGES, its matches between \u0002 and \u0003, as plain parts to render. */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  const add = (text: string, match: boolean) => {
    if (text) parts.push({ text, match });
  };
  // Shown as plain words: Markdown's marks would read as noise ("**green tea**"). Taken out of the
  // whole snippet, so that a mark around a match and a line's start are seen as they are.
  for (const [index, piece] of plainText(snippet).split(MARK_START).entries()) {
    const end = index === 0 ? -1 : piece.indexOf(MARK_END);
    if (end < 0) {
      add(piece.replaceAll(MARK_END, ""), false);
      continue;
    }
    add(piece.slice(0, end), true);
    add(piece.slice(end + 1).replaceAll(MARK_END, ""), false);
  }
  return parts;
}

export interface MessageView {
  id: string;
  seq: number;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  createdAt: string;
  /** Set when the message has other versions (an edit, a regenerated reply): which one it is, and where its neighbours are. */
  versions?: Versions;
  /** Files sent with it (lib/attachments), when it has any. */
  attachments?: AttachmentView[];
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

/** What the model would receive next, part by part (GET /api/conversations/<id>/context). */
export interface PromptContextView {
  messages: {
    section: PromptSection;
    role: "system" | "user" | "assistant";
    content: string;
    tokens: number;
    /** For a recalled section: where each of its lines comes from (another chat: which), to link to, and how it was found. */
    recalled?: {
      seq: number;
      role: string;
      createdAt: string;
      foundBy: RecallSource;
      chat?: { conversationId: string; title: string };
    }[];
    /** For the profile with memory across chats: each item, and the conversation and date it comes from. */
    saved?: SavedItem[];
    /** For the files section: each passage's file, page, and the message that sent it. */
    files?: { name: string; page: number | null; seq: number }[];
  }[];
  totalTokens: number;
  /** Messages recall can find by words but not yet by meaning: the sentence encoder is still on them. */
  indexing: { pending: number };
}

export function toConversationSummary(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    model: row.model,
    temporaryUntil: row.expiresAt?.toISOString() ?? null,
  };
}

export function toMessageView(row: MessageRow): MessageView {
  return { id: row.id, seq: row.seq, role: row.role, content: row.content, status: row.status, createdAt: row.createdAt.toISOString() };
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
