import "server-only";
import { randomUUID } from "node:crypto";
import { fallbackTitle } from "../../ai/title";
import { deleteConversationRow, insertImportedConversation } from "../../db/queries/conversation-queries";
import { insertImportedMessages } from "../../db/queries/message-queries";
import { indexForRecall } from "../../db/queries/recall-queries";
import { transaction } from "../../db/transaction";
import type { MemoryLimits } from "../../memory/bounds";
import { enforceCap } from "../../memory/cap";
import type { ReplayedMessage } from "../../memory/replay";
import { mergeFacts, mergePreferences } from "../../memory/update";
import { oneLine } from "../../text/one-line";
import { TITLE_MAX_CHARS } from "../inputs";
import { replayWithCheckpoints } from "../replay-with-checkpoints";
import type { ImportedConversation } from "./imported-conversation";

export interface ImportedSummary {
  id: string;
  title: string;
  messages: number;
}

/** A title as renaming would accept it (one line, at most TITLE_MAX_CHARS), or null for none. */
function cleanTitle(title: string | null): string | null {
  const line = title === null ? null : oneLine(title);
  return line ? line.slice(0, TITLE_MAX_CHARS).toWellFormed() : null;
}

/** Dates the file left out: one millisecond apart after the last known one, so order and time agree. */
function datedMessages(conversation: ImportedConversation, now: Date): ReplayedMessage[] {
  let last = conversation.messages.find((message) => message.createdAt)?.createdAt ?? now;
  return conversation.messages.map((message, index) => {
    const createdAt = message.createdAt ?? new Date(last.getTime() + 1);
    last = createdAt;
    return {
      id: randomUUID(),
      seq: index + 1,
      role: message.role,
      content: message.content,
      status: message.status ?? "complete",
      createdAt,
    };
  });
}

/**
 * Stores one imported conversation as if its turns had happened: its messages with positions and
 * dates, memory replayed through the same functions as live turns (offline summaries: an import
 * costs no model calls), and the search and recall index of every message. One transaction.
 */
/** Stores the files of an imported conversation's messages (a zip export's): given each message's new id. */
export type AttachImportedFiles = (
  conversationId: string,
  messages: { id: string; files: NonNullable<ImportedConversation["messages"][number]["files"]> }[],
) => Promise<void>;

export async function importConversation(
  conversation: ImportedConversation,
  limits: MemoryLimits,
  memoryId: string | null = null,
  attachFiles: AttachImportedFiles | null = null,
): Promise<ImportedSummary> {
  const id = randomUUID();
  const messages = datedMessages(conversation, new Date());
  const { memory: replayed, checkpoints } = await replayWithCheckpoints(messages, limits);
  const { restored } = conversation;
  const memory = restored
    ? {
        ...replayed,
        user_preferences: mergePreferences(
          {},
          Object.entries(restored.preferences).map(([key, value]) => ({ key, value })),
        ),
        long_term_memory: { ...replayed.long_term_memory, facts: mergeFacts([], restored.facts) },
      }
    : replayed;
  const bounded = enforceCap(memory, limits.maxBytes);
  const firstUser = conversation.messages.find((message) => message.role === "user") ?? conversation.messages[0];
  const title = cleanTitle(conversation.title) ?? fallbackTitle(firstUser.content);
  const lastSeq = messages.length;
  await transaction(async (tx) => {
    await insertImportedConversation(
      {
        id,
        title,
        createdAt: messages[0].createdAt,
        updatedAt: messages[lastSeq - 1].createdAt,
        memoryJson: JSON.stringify(bounded),
        lastSeq,
        memoryId,
      },
      tx,
    );
    await insertImportedMessages(id, messages, new Map([...checkpoints].map(([index, json]) => [messages[index].seq, json])), tx);
    await indexForRecall(id, tx);
  });
  const withFiles = conversation.messages.flatMap((message, index) =>
    message.files ? [{ id: messages[index].id, files: message.files }] : [],
  );
  if (attachFiles && withFiles.length > 0) {
    // A conversation whose files could not all be stored is not kept: its browser would never learn its id.
    await attachFiles(id, withFiles).catch(async (error: unknown) => {
      await deleteConversationRow(id);
      throw error;
    });
  }
  return { id, title, messages: lastSeq };
}

/**
 * Stores a file's conversations, each in its own transaction. If one fails, those stored before it
 * are deleted again: the browser learns ids only from a success, so they could never be found.
 */
export async function importConversations(
  conversations: ImportedConversation[],
  limits: MemoryLimits,
  memoryId: string | null = null,
  attachFiles: AttachImportedFiles | null = null,
): Promise<ImportedSummary[]> {
  const imported: ImportedSummary[] = [];
  try {
    for (const conversation of conversations) imported.push(await importConversation(conversation, limits, memoryId, attachFiles));
    return imported;
  } catch (error) {
    await Promise.allSettled(imported.map((summary) => deleteConversationRow(summary.id)));
    throw error;
  }
}
