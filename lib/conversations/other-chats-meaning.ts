import "server-only";
import type { EmbeddingHandle } from "../ai/embeddings";
import { selectOtherChatNearest } from "../db/queries/other-chats-queries";
import { decodeVector, signBits, similarity } from "../memory/embedding-vectors";
import type { OtherChat } from "../memory/other-chats-rank";
import { SHORTLIST, SIMILAR } from "./semantic-recall";

/**
 * Messages of the other chats compared with the question by meaning: those of the most recently used
 * chats, up to this many (every vector of them is looked at, in PostgreSQL, by its signs).
 */
const MEANING_MESSAGES = 10_000;

/**
 * The messages of the other chats closest in meaning to the question, keyed "<conversation>:<seq>",
 * with their cosine similarity: among the most recently used chats (`chats` come in that order) up to
 * MEANING_MESSAGES messages, shortlisted by signs, ranked exactly here.
 */
export async function similarInOtherChats(
  chats: OtherChat[],
  embedder: EmbeddingHandle,
  question: Promise<Float32Array>,
): Promise<Map<string, number>> {
  const searched: string[] = [];
  let messages = 0;
  for (const chat of chats) {
    // A chat larger than what is left is passed over; the more recent ones fill the budget first.
    if (chat.indexedThrough === 0 || messages + chat.indexedThrough > MEANING_MESSAGES) continue;
    searched.push(chat.conversationId);
    messages += chat.indexedThrough;
  }
  if (searched.length === 0) return new Map();
  const query = await question;
  const rows = await selectOtherChatNearest(searched, embedder.key, signBits(query), SHORTLIST);
  const ranked = rows
    .map((row) => ({ key: `${row.conversationId}:${row.seq}`, score: similarity(query, decodeVector(row.vector)) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, SIMILAR);
  return new Map(ranked.map((row) => [row.key, row.score]));
}
