import "server-only";
import { attachmentUrl } from "../attachments/attachment-view";
import { attachmentsByMessage } from "../attachments/attachments-by-message";
import { pool } from "../db/client";
import { selectBranches } from "../db/queries/branch-queries";
import { isDeletedConversation, selectConversation, selectConversations } from "../db/queries/conversation-queries";
import { interruptStaleReplies, selectMessagePage } from "../db/queries/message-queries";
import { AppError } from "../errors";
import { versionsOf } from "./branch-path";
import { MAX_POSITION, MESSAGE_PAGE_MAX_BYTES } from "./inputs";
import { loadMemory } from "./memory-store";
import { pageLength } from "./page-length";
import { STALE_MS } from "./turn/instance";
import { type ConversationSummary, type MemoryView, type MessageView, toConversationSummary, toMemoryView, toMessageView } from "./views";

export interface ConversationPage {
  /** Null for a well-formed id with nothing stored yet: an empty conversation, whose first turn may still be on its way. */
  conversation: ConversationSummary | null;
  /** Oldest first. */
  messages: MessageView[];
  /** Whether older messages exist before the first one here. */
  hasMore: boolean;
  /** The branch these messages are on: a tab that shows another replaces what it shows. */
  branch: number;
}

/**
 * One page of the current branch, newest messages first by index, so the cost does not grow with its
 * length, and at most MESSAGE_PAGE_MAX_BYTES of text; each message with other versions says so. One more message than shown is read: the parent
 * of the oldest shown, which its versions are counted from.
 */
export async function getConversationPage(id: string, before: number | undefined, limit: number): Promise<ConversationPage> {
  if (before === undefined) await interruptStaleReplies(id, STALE_MS / 1000);
  const [conversation, rows, branches] = await Promise.all([
    selectConversation(id),
    selectMessagePage(id, before ?? MAX_POSITION, limit + 1, MESSAGE_PAGE_MAX_BYTES),
    selectBranches(id, pool()),
  ]);
  if (!conversation && (await isDeletedConversation(id))) throw new AppError("DELETED");
  const length = pageLength(rows, limit, MESSAGE_PAGE_MAX_BYTES);
  const files = await attachmentsByMessage(
    rows
      .slice(0, length)
      .filter((row) => row.role === "user")
      .map((row) => row.id),
    (attachmentId) => attachmentUrl(id, attachmentId),
  );
  const shown = rows.slice(0, length).map((row, i): MessageView => {
    const versions = branches.length > 0 ? versionsOf(branches, row, rows[i + 1] ?? null) : null;
    const attachments = files.get(row.id);
    return { ...toMessageView(row), ...(versions && { versions }), ...(attachments && { attachments }) };
  });
  return {
    conversation: conversation ? toConversationSummary(conversation) : null,
    messages: shown.reverse(),
    hasMore: rows.length > length,
    // The page's own statement says which branch it is of, should a switch land between the reads.
    branch: rows[0]?.currentBranch ?? conversation?.branch ?? 0,
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
