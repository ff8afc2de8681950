import "server-only";
import { pool } from "../client";
import type { MessageRole } from "../generated/enums";
import { onPath } from "./branch-queries";
import { MAX_CANDIDATE_CHARS, MAX_LEXEME_BYTES, PREFIX_MIN_CHARS } from "./recall-queries";

// Recall from the user's other chats (memory across chats): which of a browser memory's conversations
// hold the new message's words, then their best messages. Each conversation's own recall index and
// term counts answer, so a turn costs what those conversations hold of the words.

/** One of the memory's other conversations, with how many of its indexed messages hold each word. */
export interface OtherChatTermsRow {
  conversationId: string;
  title: string;
  /** Its last indexed position: about how many messages the counts are out of. */
  indexedThrough: number;
  /** Messages holding each word of $3, in order (a word's count is its rarest lexeme's). */
  counts: number[];
}

/**
 * The conversations that feed memory $1 other than $2 (not temporary), the $4 most recently used,
 * most recent first, each with its count of every word of $3: one primary-key range of "RecallTerm"
 * per lexeme and conversation, however common the word.
 */
export const SELECT_OTHER_CHAT_TERMS = `
  WITH lexemes AS MATERIALIZED (
    SELECT t.ord::int AS term, l.lexeme,
      l.lexeme || CASE WHEN length(l.lexeme) >= ${PREFIX_MIN_CHARS} AND l.lexeme ~ '[^0-9]$' THEN chr(1114111) ELSE chr(1) END AS below
    FROM unnest($3::text[]) WITH ORDINALITY AS t(word, ord)
    CROSS JOIN LATERAL unnest(to_tsvector('english', t.word)) l
    WHERE l.lexeme !~ '[''\\\\]' AND octet_length(l.lexeme) <= ${MAX_LEXEME_BYTES}
  ), chats AS MATERIALIZED (
    SELECT "id", "title", "recallIndexedSeq", "updatedAt" FROM "Conversation"
    WHERE "memoryId" = $1::uuid AND "expiresAt" IS NULL AND "id" <> $2::uuid
    ORDER BY "updatedAt" DESC LIMIT $4
  )
  SELECT c."id" AS "conversationId", COALESCE(c."title", '') AS "title", c."recallIndexedSeq" AS "indexedThrough",
    ARRAY(
      SELECT COALESCE((
        SELECT min(n.messages) FROM lexemes x
        CROSS JOIN LATERAL (
          SELECT COALESCE(sum(r."messages"), 0)::int AS messages FROM "RecallTerm" r
          WHERE r."conversationId" = c."id" AND r."lexeme" >= x.lexeme AND r."lexeme" < x.below
        ) n
        WHERE x.term = t.ord
      ), 0)
      FROM generate_series(1, cardinality($3::text[])) AS t(ord) ORDER BY t.ord
    ) AS "counts"
  FROM chats c
  ORDER BY c."updatedAt" DESC`;

/** A message of another conversation that may be recalled. */
export interface OtherChatCandidateRow {
  conversationId: string;
  seq: number;
  role: MessageRole;
  content: string;
  createdAt: Date;
}

/**
 * The messages ($1 conversations, $2 their positions, pairwise) in full, those on their conversation's
 * current branch and still in its recall index; never one its conversation keeps to itself: a user
 * message said with memory across chats off or by someone else, nor the reply to it.
 */
export const SELECT_OTHER_CHAT_CANDIDATES = `
  SELECT m."conversationId", m."seq", m."role", left(m."content", ${MAX_CANDIDATE_CHARS}) AS "content", m."createdAt"
  FROM unnest($1::uuid[], $2::int[]) AS w(id, seq)
  JOIN "Conversation" c ON c."id" = w.id
  JOIN "Message" m ON m."conversationId" = w.id AND m."seq" = w.seq
  WHERE m."recall" IS NOT NULL AND ${onPath("m", "c")}
    AND COALESCE((
      SELECT u."feedsMemory" FROM "Message" u
      WHERE u."conversationId" = w.id AND u."seq" <= m."seq" AND u."role" = 'user' AND ${onPath("u", "c")}
      ORDER BY u."seq" DESC LIMIT 1
    ), true)`;

export async function selectOtherChatTerms(
  memoryId: string,
  conversationId: string,
  words: string[],
  limit: number,
): Promise<OtherChatTermsRow[]> {
  const { rows } = await pool().query<OtherChatTermsRow>({
    name: "select_other_chat_terms",
    text: SELECT_OTHER_CHAT_TERMS,
    values: [memoryId, conversationId, words, limit],
  });
  return rows;
}

export async function selectOtherChatCandidates(wanted: { conversationId: string; seq: number }[]): Promise<OtherChatCandidateRow[]> {
  const { rows } = await pool().query<OtherChatCandidateRow>({
    name: "select_other_chat_candidates",
    text: SELECT_OTHER_CHAT_CANDIDATES,
    values: [wanted.map((row) => row.conversationId), wanted.map((row) => row.seq)],
  });
  return rows;
}
