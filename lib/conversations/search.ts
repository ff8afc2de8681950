import "server-only";
import { searchConversationRows } from "../db/queries/conversation-queries";
import type { SearchInput } from "./inputs";
import { type ConversationSummary, toConversationSummary } from "./views";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The arguments of SEARCH_CONVERSATIONS for a search: NULL leaves a condition out. */
export function searchArguments(input: SearchInput): [string[], string | null, string | null] {
  const preferences =
    input.preferences && Object.keys(input.preferences).length > 0 ? JSON.stringify({ user_preferences: input.preferences }) : null;
  return [input.ids, input.title ? `%${escapeLike(input.title)}%` : null, preferences];
}

/**
 * Among the given conversations, those whose title contains `title` and whose remembered
 * preferences contain `preferences`; the planner combines the GIN index with the id list, probing
 * whichever is more selective.
 */
export async function searchConversations(input: SearchInput): Promise<ConversationSummary[]> {
  if (input.ids.length === 0) return [];
  return (await searchConversationRows(...searchArguments(input))).map(toConversationSummary);
}
