import "server-only";
import { pool } from "../client";
import type { MessageRole } from "../generated/enums";
import type { Queryable } from "../transaction";

// Long-term recall's statements. Message.recall holds a message's English lexemes plus one lexeme
// naming its conversation ("§<id>"), which no text can produce: a term is looked up as
// '§<id>' & 'term', so the GIN index answers for one conversation however large the table is.

const CONVERSATION_LEXEME = `'§' || $1::text`;
const CONVERSATION_QUERY = `(quote_literal(${CONVERSATION_LEXEME}))::tsquery`;

/**
 * Indexes the conversation's messages from "recallIndexedSeq" up to $2 (the message before the live
 * window), and moves the mark. Failed replies and empty messages are skipped. The conversation's row
 * lock orders this against a clear, so nothing from before a clear is indexed after it.
 * $1 conversation, $2 last seq to index.
 */
export const INDEX_FOR_RECALL = `
  WITH conversation AS (
    SELECT "recallIndexedSeq" AS done FROM "Conversation" WHERE "id" = $1::uuid FOR UPDATE
  ), indexed AS (
    UPDATE "Message" m
    SET "recall" = to_tsvector('english', m."content") || array_to_tsvector(ARRAY[${CONVERSATION_LEXEME}])
    FROM conversation
    WHERE m."conversationId" = $1::uuid AND m."seq" > conversation.done AND m."seq" <= $2
      AND m."status" IN ('complete', 'stopped') AND m."content" <> ''
    RETURNING 1
  )
  UPDATE "Conversation" c SET "recallIndexedSeq" = $2
  FROM conversation
  WHERE c."id" = $1::uuid AND conversation.done < $2
  RETURNING (SELECT count(*) FROM indexed)::int AS indexed`;

/**
 * Forgets the recall index of everything stored so far (Clear memory): the mark moves to the last
 * message, so those messages are never indexed again. $1 conversation.
 */
export const FORGET_RECALL = `
  WITH conversation AS (
    UPDATE "Conversation" SET "recallIndexedSeq" = "lastSeq" WHERE "id" = $1::uuid RETURNING "lastSeq"
  )
  UPDATE "Message" SET "recall" = NULL
  WHERE "conversationId" = $1::uuid AND "recall" IS NOT NULL AND "seq" <= (SELECT "lastSeq" FROM conversation)`;

/** Where a search term matched: one row per term and message. */
export interface RecallHitRow {
  /** Index of the term in the request's array. */
  term: number;
  seq: number;
  /** Lexemes in the message (its length, for BM25's length normalization). */
  length: number;
}

/**
 * Stage one: for each search term, the messages before $4 that contain it, at most $3 per term, so a
 * word found everywhere costs no more than a rare one (and is known to be common). Words are
 * normalized here, as the messages were; a word that yields no lexeme (a stop word) finds nothing.
 * $1 conversation, $2 words, $3 cap per term, $4 first seq not searched (the window's).
 */
export const SELECT_RECALL_HITS = `
  WITH terms AS (
    SELECT t.ord - 1 AS term, q.query
    FROM unnest($2::text[]) WITH ORDINALITY AS t(word, ord)
    CROSS JOIN LATERAL (SELECT plainto_tsquery('english', t.word) AS query) q
    WHERE numnode(q.query) > 0
  )
  SELECT terms.term::int, h."seq", h.length
  FROM terms
  CROSS JOIN LATERAL (
    SELECT m."seq", length(m."recall") AS length
    FROM "Message" m
    WHERE m."recall" @@ (${CONVERSATION_QUERY} && terms.query)
      AND m."conversationId" = $1::uuid AND m."seq" < $4
    LIMIT $3
  ) h`;

/** A message that may be recalled, with the search terms it contains. */
export interface RecallCandidateRow {
  seq: number;
  role: MessageRole;
  content: string;
  createdAt: Date;
  /** Indexes into the request's words of those this message contains. */
  terms: number[];
  length: number;
}

/** Longer messages are excerpted to a share of the recall budget anyway: no need to read all of one. */
const MAX_CANDIDATE_CHARS = 8_000;

/**
 * Stage two: the best candidates of stage one and their neighbours, with exactly which terms each
 * contains. $1 conversation, $2 seqs, $3 words.
 */
export const SELECT_RECALL_CANDIDATES = `
  WITH terms AS (
    SELECT t.ord::int - 1 AS term, plainto_tsquery('english', t.word) AS query
    FROM unnest($3::text[]) WITH ORDINALITY AS t(word, ord)
  )
  SELECT m."seq", m."role", left(m."content", ${MAX_CANDIDATE_CHARS}) AS "content", m."createdAt", length(m."recall") AS length,
         ARRAY(SELECT terms.term FROM terms WHERE numnode(terms.query) > 0 AND m."recall" @@ terms.query) AS terms
  FROM "Message" m
  WHERE m."conversationId" = $1::uuid AND m."seq" = ANY($2::int[]) AND m."recall" IS NOT NULL
  ORDER BY m."seq"`;

export async function indexForRecall(conversationId: string, throughSeq: number, db: Queryable = pool()): Promise<number> {
  const { rows } = await db.query<{ indexed: number }>({
    name: "index_for_recall",
    text: INDEX_FOR_RECALL,
    values: [conversationId, throughSeq],
  });
  return rows[0]?.indexed ?? 0;
}

export async function forgetRecall(conversationId: string, db: Queryable = pool()): Promise<void> {
  await db.query({ name: "forget_recall", text: FORGET_RECALL, values: [conversationId] });
}

export async function selectRecallHits(
  conversationId: string,
  words: string[],
  capPerTerm: number,
  beforeSeq: number,
): Promise<RecallHitRow[]> {
  const { rows } = await pool().query<RecallHitRow>({
    name: "select_recall_hits",
    text: SELECT_RECALL_HITS,
    values: [conversationId, words, capPerTerm, beforeSeq],
  });
  return rows;
}

export async function selectRecallCandidates(conversationId: string, seqs: number[], words: string[]): Promise<RecallCandidateRow[]> {
  const { rows } = await pool().query<RecallCandidateRow>({
    name: "select_recall_candidates",
    text: SELECT_RECALL_CANDIDATES,
    values: [conversationId, seqs, words],
  });
  return rows;
}
