import "server-only";
import { isDeletedConversation, selectConversation, selectConversations } from "../db/queries/conversation-queries";
import { interruptStaleReplies, selectMessagePage } from "../db/queries/message-queries";
import { AppError } from "../errors";
import { MAX_POSITION } from "./inputs";
import { loadMemory } from "./memory-store";
import { STALE_MS } from "./turn/instance";
import { type ConversationSummary, type MemoryView, type MessageView, toConversationSummary, toMemoryView, toMessageView } from "./views";

export interface ConversationPage {
  /** Null for a well-formed id with nothing stored yet: an empty conversation, whose first turn may still be on its way. */
  conversation: ConversationSummary | null;
  /** Oldest first. */
  messages: MessageView[];
  /** Whether older messages exist before the first one here. */
  hasMore: boolean;
}

/** One page of a conversation, newest messages first by index, so the cost does not grow with its length. */
export async function getConversationPage(id: string, before: number | undefined, limit: number): Promise<ConversationPage> {
  if (before === undefined) await interruptStaleReplies(id, STALE_MS / 1000);
  const [conversation, rows] = await Promise.all([selectConversation(id), selectMessagePage(id, before ?? MAX_POSITION, limit + 1)]);
  if (!conversation && (await isDeletedConversation(id))) throw new AppError("DELETED");
  return {
    conversation: conversation ? toConversationSummary(conversation) : null,
    messages: rows.slice(0, limit).reverse().map(toMessageView),
    hasMore: rows.length > limit,
  };
}

/** Only the conversations asked for by id: an id is what grants access, so nothing is enumerated. */
export async function listConversations(ids: string[]): Promise<ConversationSummary[]> {
  if (ids.length === 0) return [];
  return (await selectConversations(ids)).map(toConversationSummary);
}

export async function getMemoryView(id: string): Promise<MemoryView> {
  return toMemoryView((await loadMemory(id)).memory);
}
