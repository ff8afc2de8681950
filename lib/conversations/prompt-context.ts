import "server-only";
import { selectMemory } from "../db/queries/memory-queries";
import { promptParts } from "../memory/prompt";
import { emptyMemory } from "../memory/schema";
import { countTokens, MESSAGE_OVERHEAD_TOKENS } from "../memory/tokens";
import { readStoredMemory } from "./memory-store";
import type { PromptContextView } from "./views";

/** LangChain's message types as chat roles; everything else the model is told is a system message. */
const roleOf = (type: string): "system" | "user" | "assistant" => (type === "human" ? "user" : type === "ai" ? "assistant" : "system");

/**
 * Exactly what the model would receive if `text` were sent next in this conversation: the same
 * parts the chat turn builds its prompt from (lib/memory/prompt.ts), with their token counts. A
 * conversation with nothing stored yet has empty memory, as its first turn would.
 */
export async function getPromptContext(conversationId: string, text: string): Promise<PromptContextView> {
  const row = await selectMemory(conversationId);
  const memory = row ? readStoredMemory(conversationId, row.memoryBuffer) : emptyMemory();
  const messages = promptParts(memory, text).map(({ section, message }) => {
    const content = typeof message.content === "string" ? message.content : JSON.stringify(message.content);
    return { section, role: roleOf(message.getType()), content, tokens: countTokens(content) + MESSAGE_OVERHEAD_TOKENS };
  });
  return { messages, totalTokens: messages.reduce((sum, message) => sum + message.tokens, 0) };
}
