import "server-only";
import { searchConversationRows, selectConversations } from "../db/queries/conversation-queries";
import { searchMessages } from "../db/queries/recall-queries";
import type { SearchInput } from "./inputs";
import { type ConversationSummary, type MessageHit, snippetParts, toConversationSummary } from "./views";

/** Messages a search shows, newest first. */
const MESSAGE_HITS = 30;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The arguments of SEARCH_CONVERSATIONS for a search: NULL leaves a condition out. */
export function searchArguments(input: SearchInput): [string[], string | null, string | null] {
  const preferences =
    input.preferences && Object.keys(input.preferences).length > 0 ? JSON.stringify({ user_preferences: input.preferences }) : null;
  return [input.ids, input.text ? `%${escapeLike(input.text)}%` : null, preferences];
}

export interface SearchResults {
  /** Conversations whose title holds the words (and whose memory holds the preferences). */
  conversations: ConversationSummary[];
  /** Messages that hold every word, in conversations whose memory holds the preferences. */
  messages: MessageHit[];
}

/**
 * Among the given conversations: those whose title contains the words and whose remembered
 * preferences contain `preferences` (the memoryBuffer GIN index), and the messages that hold the
 * words (full-text search on the recall index), each with a snippet.
 */
export async function searchConversations(input: SearchInput): Promise<SearchResults> {
  if (input.ids.length === 0) return { conversations: [], messages: [] };
  const byTitle = searchConversationRows(...searchArguments(input));
  if (!input.text) return { conversations: (await byTitle).map(toConversationSummary), messages: [] };
  const { text } = input;
  // Messages are looked for in the conversations whose memory holds the preferences, if any are given.
  const scope = input.preferences
    ? searchConversationRows(...searchArguments({ ...input, text: undefined }))
    : selectConversations(input.ids);
  const found = input.preferences
    ? scope.then((rows) =>
        rows.length > 0
          ? searchMessages(
              rows.map((row) => row.id),
              text,
              MESSAGE_HITS,
            )
          : [],
      )
    : searchMessages(input.ids, text, MESSAGE_HITS);
  const [titled, inScope, rows] = await Promise.all([byTitle, scope, found]);
  const titles = new Map(inScope.map((row) => [row.id, row.title]));
  const messages = rows.map((row) => ({
    conversationId: row.conversationId,
    title: titles.get(row.conversationId) ?? null,
    seq: row.seq,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    snippet: snippetParts(row.snippet),
  }));
  return { conversations: titled.map(toConversationSummary), messages };
}
