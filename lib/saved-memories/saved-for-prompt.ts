import "server-only";
import { env } from "../env";
import { extractOffline } from "../memory/extract-offline";
import { noteLearned } from "../memory/learned";
import type { SavedProfile } from "../memory/prompt";
import type { MemoryBuffer } from "../memory/schema";
import { mergePreferences } from "../memory/update";
import { contributionOf } from "./derive-saved";
import { readSavedMemories } from "./read-saved";

/**
 * The profile of a prompt with memory across chats: what every conversation of `memoryId` knows about
 * the user, this one as the turn has it, and what the new message plainly states ("my name is …"),
 * said now.
 */
export async function savedForPrompt(memoryId: string, conversationId: string, memory: MemoryBuffer, text: string): Promise<SavedProfile> {
  const now = new Date().toISOString();
  const { preferences } = extractOffline(text);
  const withMessage = noteLearned(
    { ...memory, user_preferences: mergePreferences(memory.user_preferences, preferences) },
    { preferences, facts: [] },
    { at: now, seq: null },
  );
  const items = await readSavedMemories(memoryId, {
    conversationId,
    contribution: (title, fallbackAt) => contributionOf(conversationId, title, withMessage, fallbackAt),
  });
  return { items, maxTokens: env().MEMORY_SAVED_TOKENS };
}
