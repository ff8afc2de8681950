import "server-only";
import { db } from "../db/client";
import { AppError } from "../errors";
import { markInterrupted } from "./interrupted";
import { loadMemory } from "./memory-store";
import { toMemoryView, type ConversationSummary, type MemoryView, type MessageView } from "./views";

const summaryFields = { id: true, title: true, createdAt: true, updatedAt: true } as const;

function toSummary(row: { id: string; title: string | null; createdAt: Date; updatedAt: Date }): ConversationSummary {
  return { id: row.id, title: row.title, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

function toMessageView(row: {
  id: string;
  seq: number;
  role: MessageView["role"];
  content: string;
  status: MessageView["status"];
  createdAt: Date;
}): MessageView {
  return { id: row.id, seq: row.seq, role: row.role, content: row.content, status: row.status, createdAt: row.createdAt.toISOString() };
}

const messageFields = { id: true, seq: true, role: true, content: true, status: true, createdAt: true } as const;

export interface ConversationPage {
  conversation: ConversationSummary;
  /** Oldest first. */
  messages: MessageView[];
  /** Whether older messages exist before the first one here. */
  hasMore: boolean;
}

/** One page of a conversation, newest messages first by index, so the cost does not grow with its length. */
export async function getConversationPage(id: string, before: number | undefined, limit: number): Promise<ConversationPage> {
  if (before === undefined) await markInterrupted(id);
  const [conversation, rows] = await Promise.all([
    db().conversation.findUnique({ where: { id }, select: summaryFields }),
    db().message.findMany({
      where: { conversationId: id, ...(before !== undefined && { seq: { lt: before } }) },
      orderBy: { seq: "desc" },
      take: limit + 1,
      select: messageFields,
    }),
  ]);
  if (!conversation) throw new AppError("NOT_FOUND");
  return {
    conversation: toSummary(conversation),
    messages: rows.slice(0, limit).reverse().map(toMessageView),
    hasMore: rows.length > limit,
  };
}

/** Only the conversations asked for by id: an id is what grants access, so nothing is enumerated. */
export async function listConversations(ids: string[]): Promise<ConversationSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db().conversation.findMany({
    where: { id: { in: ids } },
    orderBy: { updatedAt: "desc" },
    select: summaryFields,
  });
  return rows.map(toSummary);
}

export async function getMemoryView(id: string): Promise<MemoryView> {
  return toMemoryView((await loadMemory(id)).memory);
}

export interface ConversationExport {
  conversation: ConversationSummary;
  messages: MessageView[];
  memory: MemoryView;
}

export async function exportConversation(id: string): Promise<ConversationExport> {
  const [conversation, messages, memory] = await Promise.all([
    db().conversation.findUnique({ where: { id }, select: summaryFields }),
    db().message.findMany({ where: { conversationId: id }, orderBy: { seq: "asc" }, select: messageFields }),
    loadMemory(id).catch(() => null),
  ]);
  if (!conversation || !memory) throw new AppError("NOT_FOUND");
  return { conversation: toSummary(conversation), messages: messages.map(toMessageView), memory: toMemoryView(memory.memory) };
}
