import "server-only";
import type { OtherChat } from "../../memory/other-chats-rank";
import { pool } from "../client";
import type { MessageRole } from "../generated/enums";
import { onPath } from "./branch-queries";
import { MAX_CANDIDATE_CHARS, MAX_LEXEME_BYTES, PREFIX_MIN_CHARS, type RecallHitRow } from "./recall-queries";

// Recall from the user's other chats (memory across chats): which of a browser memory's conversations
// hold the new message's words, then their best messages. Each conversation's own recall index and
// term counts answer, so a turn costs what those conversations hold of the words.

/**
 * A word's lexemes are looked up in every chat searched: at most this many per word ("e-mail" has
 * three; a run of joined words has dozens), so that the cost of a word stays a few index scans.
 */
const MAX_LEXEMES_PER_WORD = 3;

/**
 * The English lexemes of the words of array parameter `words`, as (term, lexeme, prefix): `term` the
 * word's 0-based index, `prefix` when the lexeme also finds longer ones it starts (as recall's own).
 */
const wordLexemes = (words: string) => `(
    SELECT t.ord::int - 1 AS term, l.lexeme, length(l.lexeme) >= ${PREFIX_MIN_CHARS} AND l.lexeme ~ '[^0-9]$' AS prefix
    FROM unnest(${words}::text[]) WITH ORDINALITY AS t(word, ord)
    CROSS JOIN LATERAL (
      SELECT x.lexeme FROM unnest(to_tsvector('english', t.word)) x
      WHERE x.lexeme !~ '[''\\\\]' AND octet_length(x.lexeme) <= ${MAX_LEXEME_BYTES}
      LIMIT ${MAX_LEXEMES_PER_WORD}
    ) l
  )`;

/** One of the memory's other conversations, with how many of its indexed messages hold each word it holds. */
export interface OtherChatTermsRow {
  conversationId: string;
  title: string;
  /** Its last indexed position: about how many messages the counts are out of. */
  indexedThrough: number;
  /** The words of $3 it holds (0-based), and how many of its messages hold each (a word's count is its rarest lexeme's). */
  terms: number[];
  messages: number[];
}

/**
 * A lexeme's range in the searched chats' term counts takes at most this many keys. An exact lexeme
 * has one a chat, so only a prefix that many words start in many chats (of 5,000 word-chat pairs
 * and more) is counted short: it then looks rarer than it is.
 */
const MAX_TERM_KEYS = 5000;

/**
 * The conversations that feed memory $1 other than $2 (not temporary), the $4 most recently used,
 * most recent first, each with its counts of the words of $3 it holds. One range of the memory's
 * "RecallTerm" keys per lexeme, read from the index alone: the cost is how many of the memory's
 * chats hold the words, not how many chats there are.
 */
export const SELECT_OTHER_CHAT_TERMS = `
  WITH lexemes AS MATERIALIZED (
    SELECT l.term, l.lexeme,
      l.lexeme || CASE WHEN l.prefix THEN chr(1114111) ELSE chr(1) END AS below
    FROM ${wordLexemes("$3")} l
  ), chats AS MATERIALIZED (
    SELECT "id", "title", "recallIndexedSeq", "updatedAt" FROM "Conversation"
    WHERE "memoryId" = $1::uuid AND "expiresAt" IS NULL AND "id" <> $2::uuid
    ORDER BY "updatedAt" DESC LIMIT $4
  ), found AS (
    SELECT r."conversationId", x.term, x.lexeme, sum(r."messages")::int AS messages
    FROM lexemes x
    CROSS JOIN LATERAL (
      SELECT "conversationId", "messages" FROM "RecallTerm"
      WHERE "memoryId" = $1::uuid AND "lexeme" >= x.lexeme AND "lexeme" < x.below
        -- Checked in the index, before the limit: chats past the searched ones take none of it.
        AND "conversationId" = ANY(ARRAY(SELECT "id" FROM chats))
      LIMIT ${MAX_TERM_KEYS}
    ) r
    GROUP BY 1, 2, 3
  ), words AS (
    -- A word holds in a chat only if all its lexemes do ("e-mail" has three).
    SELECT f."conversationId", f.term, min(f.messages) AS messages
    FROM found f
    GROUP BY 1, 2
    HAVING count(*) = (SELECT count(*) FROM lexemes x WHERE x.term = f.term)
  ), held AS MATERIALIZED (
    SELECT "conversationId", array_agg(term ORDER BY term) AS terms, array_agg(messages ORDER BY term) AS messages
    FROM words GROUP BY 1
  )
  SELECT c."id" AS "conversationId", COALESCE(c."title", '') AS "title", c."recallIndexedSeq" AS "indexedThrough",
    COALESCE(h.terms, '{}') AS "terms", COALESCE(h.messages, '{}') AS "messages"
  -- Every held row has its chat: FULL is LEFT here, and is joined by hashing however few rows the planner expects.
  FROM chats c FULL JOIN held h ON h."conversationId" = c."id"
  ORDER BY c."updatedAt" DESC`;

/** Where a word matched in one of the other chats: one row per chat, word and message. */
export interface OtherChatHitRow extends RecallHitRow {
  conversationId: string;
}

/**
 * Stage one in several chats at once: in each chat $1[i], the messages on its current branch holding
 * word $2[t], at most $3[i * words + t]. Each lookup is a few GIN keys scoped to that chat (as recall's
 * own, lib/db/queries/recall-queries.ts), so a chat costs what it holds of the words.
 */
export const SELECT_OTHER_CHAT_HITS = `
  WITH lexemes AS MATERIALIZED (
    SELECT l.term, l.lexeme, l.prefix FROM ${wordLexemes("$2")} l
  ), lookups AS MATERIALIZED (
    SELECT c."id", c."pathBranches", c."pathEnds", w.term, ($3::int[])[(chat.ord - 1) * cardinality($2::text[]) + w.term + 1] AS cap,
      (SELECT string_agg(quote_literal(c."id"::text || ':' || x.lexeme) || CASE WHEN x.prefix THEN ':*' ELSE '' END, ' & ')::tsquery
        FROM lexemes x WHERE x.term = w.term) AS query
    FROM unnest($1::uuid[]) WITH ORDINALITY AS chat(id, ord)
    JOIN "Conversation" c ON c."id" = chat.id
    CROSS JOIN (SELECT DISTINCT term FROM lexemes) w
  )
  SELECT lookups."id" AS "conversationId", lookups.term::int, h."seq", h.length, h.day, h.asks
  FROM lookups
  CROSS JOIN LATERAL (
    SELECT m."seq", length(m."recall") AS length, to_char(m."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
      (m."role" = 'user' AND strpos(left(m."content", ${MAX_CANDIDATE_CHARS}), '?') > 0) AS asks
    FROM "Message" m
    WHERE m."recall" @@ lookups.query AND ${onPath("m", "lookups")} AND (m."role" <> 'user' OR m."feedsMemory")
    LIMIT lookups.cap
  ) h
  WHERE lookups.cap > 0`;

/** A message of another chat whose vector is among those nearest the question's. */
export interface OtherChatNearestRow {
  conversationId: string;
  seq: number;
  vector: Buffer;
}

/**
 * The $4 messages of chats $1, on their current branches, whose vectors of model $2 have signs nearest
 * the question's ($3), with their vectors for exact ranking: every vector of those chats is looked at,
 * so the caller bounds how many chats it names.
 */
export const SELECT_OTHER_CHAT_NEAREST = `
  WITH near AS (
    SELECT v."conversationId", v."seq" FROM "MessageEmbedding" v
    JOIN "Conversation" c ON c."id" = v."conversationId"
    JOIN "Message" m ON m."conversationId" = v."conversationId" AND m."seq" = v."seq"
    WHERE v."conversationId" = ANY($1::uuid[]) AND v."model" = $2 AND length(v."signs") = length($3::bit varying)
      AND ${onPath("v", "c")} AND m."recall" IS NOT NULL
      -- What could never be read (SELECT_OTHER_CHAT_CANDIDATES) takes no place in the ranking.
      AND (m."role" <> 'user' OR m."feedsMemory") AND (m."role" = 'user' OR NOT c."othersWrote")
    ORDER BY bit_count(v."signs" # $3::bit varying), v."seq" DESC
    LIMIT $4
  )
  SELECT e."conversationId", e."seq", e."vector"
  FROM near JOIN "MessageEmbedding" e ON e."conversationId" = near."conversationId" AND e."seq" = near."seq"`;

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
 * current branch, still in its recall index, and said after memory $3's Forget everywhere; never one
 * its conversation keeps to itself: a user message said with memory across chats off or by someone
 * else, nor the reply to it, nor any reply in a conversation someone else wrote in.
 */
export const SELECT_OTHER_CHAT_CANDIDATES = `
  SELECT m."conversationId", m."seq", m."role", left(m."content", ${MAX_CANDIDATE_CHARS}) AS "content", m."createdAt"
  FROM unnest($1::uuid[], $2::int[]) AS w(id, seq)
  JOIN "Conversation" c ON c."id" = w.id
  JOIN "Message" m ON m."conversationId" = w.id AND m."seq" = w.seq
  WHERE m."recall" IS NOT NULL AND ${onPath("m", "c")}
    -- Forget everywhere (the Memory page) forgets what was said before it, in every chat.
    AND m."createdAt" > COALESCE((SELECT (s."edits"->>'forgetBefore')::timestamptz FROM "SavedMemory" s WHERE s."id" = $3::uuid), '-infinity')
    -- Where someone else wrote, a reply may repeat what they said: only the owner's own messages come.
    AND (m."role" = 'user' OR NOT c."othersWrote")
    AND CASE WHEN m."role" = 'user' THEN m."feedsMemory" ELSE COALESCE(
      -- A reply answers the user message before it on its branch: usually the position before.
      (SELECT p."feedsMemory" FROM "Message" p
        WHERE p."conversationId" = w.id AND p."seq" = m."seq" - 1 AND p."role" = 'user' AND ${onPath("p", "c")}),
      (SELECT u."feedsMemory" FROM "Message" u
        WHERE u."conversationId" = w.id AND u."seq" < m."seq" AND u."role" = 'user' AND ${onPath("u", "c")}
        ORDER BY u."seq" DESC LIMIT 1),
      true) END`;

/** The rows' counts as one per word of the request (0 for a word a chat does not hold). */
export async function selectOtherChatTerms(memoryId: string, conversationId: string, words: string[], limit: number): Promise<OtherChat[]> {
  const { rows } = await pool().query<OtherChatTermsRow>({
    name: "select_other_chat_terms",
    text: SELECT_OTHER_CHAT_TERMS,
    values: [memoryId, conversationId, words, limit],
  });
  return rows.map(({ terms, messages, ...chat }) => {
    const counts = new Array<number>(words.length).fill(0);
    for (const [i, term] of terms.entries()) counts[term] = messages[i];
    return { ...chat, counts };
  });
}

export async function selectOtherChatCandidates(
  memoryId: string,
  wanted: { conversationId: string; seq: number }[],
): Promise<OtherChatCandidateRow[]> {
  const { rows } = await pool().query<OtherChatCandidateRow>({
    name: "select_other_chat_candidates",
    text: SELECT_OTHER_CHAT_CANDIDATES,
    values: [wanted.map((row) => row.conversationId), wanted.map((row) => row.seq), memoryId],
  });
  return rows;
}

export async function selectOtherChatHits(conversationIds: string[], words: string[], caps: number[]): Promise<OtherChatHitRow[]> {
  const { rows } = await pool().query<OtherChatHitRow>({
    name: "select_other_chat_hits",
    text: SELECT_OTHER_CHAT_HITS,
    values: [conversationIds, words, caps],
  });
  return rows;
}

export async function selectOtherChatNearest(
  conversationIds: string[],
  model: string,
  signs: string,
  limit: number,
): Promise<OtherChatNearestRow[]> {
  const { rows } = await pool().query<OtherChatNearestRow>({
    name: "select_other_chat_nearest",
    text: SELECT_OTHER_CHAT_NEAREST,
    values: [conversationIds, model, signs, limit],
  });
  return rows;
}
