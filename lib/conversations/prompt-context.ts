import "server-only";
import { DESCRIBES_IMAGES, draftMessage, promptMessage } from "../attachments/turn-attachments";
import { selectMemory } from "../db/queries/memory-queries";
import { emptyMemory } from "../memory/schema";
import { countTokens, MESSAGE_OVERHEAD_TOKENS } from "../memory/tokens";
import { memoryReadBy } from "../saved-memories/memory-read-by";
import { readStoredMemory } from "./memory-store";
import { assemblePrompt } from "./recall";
import { unembeddedCount } from "./semantic-recall";
import type { PromptContextView } from "./views";

/** Whose files the previewed message carries: a stored message's (`messageId`), the draft's (uploaded, not sent), or none. */
export type PreviewFiles = { messageId: string } | { draft: true } | null;

/** LangChain's message types as chat roles; everything else the model is told is a system message. */
const roleOf = (type: string): "system" | "user" | "assistant" => (type === "human" ? "user" : type === "ai" ? "assistant" : "system");

/**
 * Exactly what the model would receive if `text` were sent next in this conversation by the browser
 * whose memory is `memoryId` (null: memory across chats off), its other chats searched unless
 * `otherChats` is false, with `files` (its images described, not shown): the same parts the chat turn
 * builds its prompt from (assemblePrompt), with their token counts. A conversation with nothing stored yet has
 * empty memory, as its first turn would, and a new one would feed `memoryId`.
 */
export async function getPromptContext(
  conversationId: string,
  text: string,
  memoryId: string | null = null,
  otherChats = true,
  files: PreviewFiles = null,
): Promise<PromptContextView> {
  const row = await selectMemory(conversationId);
  const memory = row ? readStoredMemory(conversationId, row.memoryBuffer) : emptyMemory();
  const read = memoryReadBy(row, memoryId);
  // A stored message's files are read as a Retry would send them; a draft's are those waiting in the composer.
  const message =
    files === null
      ? null
      : "messageId" in files
        ? { id: files.messageId, read: () => promptMessage(conversationId, files.messageId, text, DESCRIBES_IMAGES) }
        : { id: null, read: () => draftMessage(conversationId, text) };
  const parts = await assemblePrompt(conversationId, memory, text, read ? { memoryId: read, otherChats } : null, message);
  const messages = parts.map(({ section, message, recalled, saved, files }) => {
    const content = typeof message.content === "string" ? message.content : JSON.stringify(message.content);
    const entry = { section, role: roleOf(message.getType()), content, tokens: countTokens(content) + MESSAGE_OVERHEAD_TOKENS };
    if (saved) return { ...entry, saved };
    if (files) return { ...entry, files: files.map(({ name, page, seq }) => ({ name, page, seq })) };
    return recalled
      ? {
          ...entry,
          recalled: recalled.map(({ seq, role, createdAt, foundBy, chat }) => ({ seq, role, createdAt, foundBy, ...(chat && { chat }) })),
        }
      : entry;
  });
  return {
    messages,
    totalTokens: messages.reduce((sum, message) => sum + message.tokens, 0),
    indexing: { pending: await unembeddedCount(conversationId) },
  };
}
