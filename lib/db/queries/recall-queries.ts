import "server-only";
import { pool } from "../client";
import type { MessageRole } from "../generated/enums";
import { type Queryable, transaction } from "../transaction";
import { onCurrentPath, onPath } from "./branch-queries";

// Long-term recall's statements. Message.recall holds a message's English lexemes, each prefixed
// with its conversation's id ("<id>:lisbon"), so each GIN key lists one conversation's messages: a
// lookup costs what that conversation holds of the term, whatever the table or the conversation's size.

export const MAX_LEXEME_BYTES = 100;
const MAX_LEXEMES = 4_000;
/** Longer messages are excerpted to a share of the recall budget anyway: no need to read all of one. */
export const MAX_CANDIDATE_CHARS = 8_000;

/**
 * The English lexemes of $text, scoped to conversation $1, as an array of keys. A key must stay far
 * under PostgreSQL's 2,047-byte lexeme limit (longer ones are silently cut, and the vector no longer
 * reads back), and a message far under the 1 MB vector limit: no real word is 100 bytes long, and
 * 4,000 distinct words is a long document.
 */
export const scopedLexemes = (text: string) =>
  `ARRAY(SELECT $1::uuid::text || ':' || l.lexeme FROM unnest(to_tsvector('english', ${text})) l
         WHERE l.lexeme !~ '[''\\\\]' AND octet_length(l.lexeme) <= ${MAX_LEXEME_BYTES} LIMIT ${MAX_LEXEMES})`;

/** A conversation id and its colon, before each key's lexeme. */
const SCOPE_CHARS = 37;
/**
 * A lexeme this long or longer also finds longer ones it starts ("allerg" finds "allergi": the stemmer
 * leaves "allergic" and "allergy" apart); a shorter one would find too many unrelated words, and a
 * number (ending in a digit) only itself: 10001 is not 100015.
 */
export const PREFIX_MIN_CHARS = 5;

/**
 * A word as a query on scoped lexemes: all of its lexemes ("e-mail" has three), each as a prefix when
 * long enough; NULL for a stop word.
 */
export const scopedQuery = (word: string) =>
  `(SELECT string_agg(quote_literal(k) || CASE WHEN length(k) >= ${SCOPE_CHARS + PREFIX_MIN_CHARS} AND k ~ '[^0-9]$' THEN ':*' ELSE '' END, ' & ')::tsquery
    FROM unnest(${scopedLexemes(word)}) k)`;

/**
 * Indexes the conversation's messages after "recallIndexedSeq" that have ended, counts their lexemes
 * in RecallTerm (recall's rarities), and moves the mark;
 * never past a reply still streaming, which is indexed by a later run once it has ended. Failed
 * replies and empty messages are skipped. Run after each turn (so search finds what was just said;
 * recall itself reads only what left the window), after a fold, and on import. The conversation's
 * row lock orders this against a clear, so nothing from before a clear is indexed after it.
 * $1 conversation.
 */
export const INDEX_FOR_RECALL = `
  WITH conversation AS (
    -- The last message this statement's snapshot sees, not "lastSeq": waiting for the row lock
    -- re-reads the row, whose "lastSeq" may count messages the snapshot cannot index.
    SELECT "recallIndexedSeq" AS done, "memoryId",
      LEAST(
        (SELECT max(s."seq") FROM "Message" s WHERE s."conversationId" = $1::uuid),
        (SELECT min(s."seq") - 1 FROM "Message" s WHERE s."conversationId" = $1::uuid AND s."status" = 'streaming')
      ) AS through
    FROM "Conversation" WHERE "id" = $1::uuid FOR UPDATE
  ), indexed AS (
    UPDATE "Message" m
    SET "recall" = array_to_tsvector(${scopedLexemes('m."content"')})
    FROM conversation
    WHERE m."conversationId" = $1::uuid AND m."seq" > conversation.done AND m."seq" <= conversation.through
      AND m."status" IN ('complete', 'stopped') AND m."content" <> ''
      -- Once: a run that waited for the lock re-checks each row, and one indexed meanwhile is not counted again.
      AND m."recall" IS NULL
    RETURNING m."recall"
  ), counted AS (
    INSERT INTO "RecallTerm" ("conversationId", "lexeme", "messages", "memoryId")
    SELECT $1::uuid, substr(l.lexeme, ${SCOPE_CHARS + 1}), count(*)::int, (SELECT "memoryId" FROM conversation)
    FROM indexed CROSS JOIN LATERAL unnest(indexed."recall") l
    GROUP BY 2
    ON CONFLICT ("conversationId", "lexeme") DO UPDATE
    SET "messages" = "RecallTerm"."messages" + EXCLUDED."messages", "memoryId" = EXCLUDED."memoryId"
  )
  UPDATE "Conversation" c SET "recallIndexedSeq" = conversation.through
  FROM conversation
  WHERE c."id" = $1::uuid AND conversation.done < conversation.through
  RETURNING (SELECT count(*) FROM indexed)::int AS indexed`;

/**
 * Forgets the recall index of everything stored so far (Clear memory): the mark moves to the last
 * message, so those messages are never indexed again, and their vectors go. $1 conversation.
 */
export const FORGET_RECALL = `
  WITH conversation AS (
    UPDATE "Conversation" SET "recallIndexedSeq" = "lastSeq" WHERE "id" = $1::uuid RETURNING "lastSeq"
  ), uncounted AS (
    DELETE FROM "RecallTerm" WHERE "conversationId" = $1::uuid
  ), unembedded AS (
    DELETE FROM "MessageEmbedding" WHERE "conversationId" = $1::uuid AND "seq" <= (SELECT "lastSeq" FROM conversation)
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
  /** The day it was said, "YYYY-MM-DD" (UTC). */
  day: string;
  /** A user message holding a question mark. */
  asks: boolean;
}

/**
 * Stage one: for each search term, the messages before $4 that contain it, at most $3[term] (recall
 * plans these from the true counts, so that common words cost no more than rare ones). Words are
 * normalized here, as the messages were; a word that yields no lexeme (a stop word) finds nothing.
 * The conversation is chosen by the keys alone, so the GIN index is the one way in (filtering on
 * "conversationId" lets the planner walk the whole conversation instead). Only the current branch's
 * messages count.
 * $1 conversation, $2 words, $3 cap of each term, $4 first seq not searched (the window's).
 */
export const SELECT_RECALL_HITS = `
  WITH terms AS MATERIALIZED (
    SELECT t.ord - 1 AS term, q.query
    FROM unnest($2::text[]) WITH ORDINALITY AS t(word, ord)
    CROSS JOIN LATERAL (SELECT ${scopedQuery("t.word")} AS query) q
    WHERE q.query IS NOT NULL
  )
  SELECT terms.term::int, h."seq", h.length, h.day, h.asks
  FROM terms
  CROSS JOIN LATERAL (
    SELECT m."seq", length(m."recall") AS length, to_char(m."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
      (m."role" = 'user' AND strpos(left(m."content", ${MAX_CANDIDATE_CHARS}), '?') > 0) AS asks
    FROM "Message" m
    WHERE m."recall" @@ terms.query AND m."seq" < $4 AND ${onCurrentPath("m")}
    LIMIT ($3::int[])[terms.term + 1]
  ) h`;

/** How many of the conversation's indexed messages hold a search term. */
export interface RecallTermCountRow {
  term: number;
  messages: number;
  /** The last position indexed: about how many messages the counts are out of. */
  indexedThrough: number;
}

/**
 * For each word of $2, how many of conversation $1's indexed messages hold it (all of its lexemes:
 * at most the rarest one's count; a prefix counts every lexeme it starts). One primary-key range per
 * lexeme, however common the word. $1 conversation, $2 words.
 */
export const SELECT_RECALL_TERM_COUNTS = `
  SELECT t.ord::int - 1 AS term,
    COALESCE((
      SELECT min(n.messages)
      FROM unnest(to_tsvector('english', t.word)) l
      CROSS JOIN LATERAL (
        SELECT COALESCE(sum(r."messages"), 0)::int AS messages
        FROM "RecallTerm" r
        WHERE r."conversationId" = $1::uuid AND r."lexeme" >= l.lexeme
          AND r."lexeme" < l.lexeme || CASE WHEN length(l.lexeme) >= ${PREFIX_MIN_CHARS} AND l.lexeme ~ '[^0-9]$' THEN chr(1114111) ELSE chr(1) END
      ) n
      WHERE l.lexeme !~ '[''\\\\]' AND octet_length(l.lexeme) <= ${MAX_LEXEME_BYTES}
    ), 0) AS messages,
    c."recallIndexedSeq" AS "indexedThrough"
  FROM unnest($2::text[]) WITH ORDINALITY AS t(word, ord)
  CROSS JOIN (SELECT "recallIndexedSeq" FROM "Conversation" WHERE "id" = $1::uuid) c`;

/** A message that may be recalled. */
export interface RecallCandidateRow {
  seq: number;
  role: MessageRole;
  content: string;
  createdAt: Date;
}

/** Stage two: the best messages of stage one and their neighbours on the current branch, read in full. $1 conversation, $2 seqs. */
export const SELECT_RECALL_CANDIDATES = `
  SELECT m."seq", m."role", left(m."content", ${MAX_CANDIDATE_CHARS}) AS "content", m."createdAt"
  FROM "Conversation" c JOIN "Message" m ON m."conversationId" = c."id"
  WHERE c."id" = $1::uuid AND m."seq" = ANY($2::int[]) AND m."recall" IS NOT NULL AND ${onPath("m", "c")}
  ORDER BY m."seq"`;

/** A message found by the sidebar's search, with the words it matched between \u0002 and \u0003. */
export interface MessageHitRow {
  conversationId: string;
  seq: number;
  role: MessageRole;
  createdAt: Date;
  snippet: string;
}

/** Words a search requires at most: each costs one GIN lookup per conversation searched (up to 500). */
const MAX_SEARCH_WORDS = 8;

/**
 * Matches read per conversation, in the order the table holds them (mostly oldest first), before the
 * newest of all are kept: the newest of every match would mean reading each one, four times slower
 * for a common word (bench scenario 10).
 */
const HITS_PER_CONVERSATION = 5;

/**
 * Search in what was said: the messages of conversations $1 (their current branches) that hold every
 * word of $2 (as English lexemes, the recall index's; stop words are not required), newest first, at
 * most $3, each with a snippet around its match.
 * One lookup of the recall index per conversation, each a few GIN keys scoped to that conversation,
 * so a search costs what the browser's conversations hold of the words, however big the table; only
 * the messages shown are read in full.
 * Marks are control characters, which the snippet's text never holds (they are taken out first).
 */
export const SEARCH_MESSAGES = `
  WITH words AS MATERIALIZED (
    SELECT (array_agg(DISTINCT l.lexeme))[1:${MAX_SEARCH_WORDS}] AS lexemes
    FROM unnest(to_tsvector('english', $2)) l
    WHERE l.lexeme !~ '[''\\\\]' AND octet_length(l.lexeme) <= ${MAX_LEXEME_BYTES}
      -- "cans" stems to "can", a stop word that no message's vector holds: such a word is not required.
      AND to_tsvector('english', l.lexeme) <> ''::tsvector
  ), queries AS MATERIALIZED (
    SELECT c."id", c."pathBranches", c."pathEnds",
      (SELECT string_agg(quote_literal(c."id"::text || ':' || w), ' & ')::tsquery FROM unnest(words.lexemes) w) AS query
    FROM "Conversation" c, words
    WHERE c."id" = ANY($1::uuid[]) AND cardinality(words.lexemes) > 0
  ), best AS (
    SELECT h."conversationId", h."seq", h."createdAt"
    FROM queries
    CROSS JOIN LATERAL (
      SELECT m."conversationId", m."seq", m."createdAt"
      FROM "Message" m
      WHERE m."recall" @@ queries.query AND ${onPath("m", "queries")}
      LIMIT ${HITS_PER_CONVERSATION}
    ) h
    ORDER BY h."createdAt" DESC, h."seq" DESC
    LIMIT $3
  )
  SELECT m."conversationId", m."seq", m."role", m."createdAt",
    ts_headline('english', translate(left(m."content", ${MAX_CANDIDATE_CHARS}), chr(2) || chr(3), ''), plainto_tsquery('english', $2),
      'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=30, MinWords=15, MaxFragments=1') AS "snippet"
  FROM best JOIN "Message" m ON m."conversationId" = best."conversationId" AND m."seq" = best."seq"
  ORDER BY m."createdAt" DESC, m."seq" DESC`;

/** A recallable message without a vector from the current embedding model. */
export interface UnembeddedRow {
  seq: number;
  content: string;
}

/**
 * Up to $4 messages of conversation $1 before $3 in the recall index that have no vector from model
 * $2, latest first, cut where recall would excerpt them anyway.
 */
export const SELECT_UNEMBEDDED = `
  SELECT m."seq", left(m."content", ${MAX_CANDIDATE_CHARS}) AS "content"
  FROM "Message" m
  WHERE m."conversationId" = $1::uuid AND m."seq" < $3 AND m."recall" IS NOT NULL
    AND NOT EXISTS (
      SELECT 1 FROM "MessageEmbedding" e WHERE e."conversationId" = $1::uuid AND e."seq" = m."seq" AND e."model" = $2
    )
  ORDER BY m."seq" DESC
  LIMIT $4`;

/** Whether conversation $1 has any vector of model $2 before $3: else a question has nothing to be compared with. */
export const HAS_EMBEDDINGS_BEFORE = `
  SELECT EXISTS (SELECT 1 FROM "MessageEmbedding" WHERE "conversationId" = $1::uuid AND "seq" < $3 AND "model" = $2) AS "any"`;

/** Counted at most this far: past it, the answer is "at least this many". */
const MAX_UNEMBEDDED_COUNT = 10_000;

/** How many of conversation $1's messages in the recall index have no vector from model $2. */
export const COUNT_UNEMBEDDED = `
  SELECT count(*)::int AS pending FROM (
    SELECT 1 FROM "Message" m
    WHERE m."conversationId" = $1::uuid AND m."recall" IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM "MessageEmbedding" e WHERE e."conversationId" = $1::uuid AND e."seq" = m."seq" AND e."model" = $2
      )
    LIMIT ${MAX_UNEMBEDDED_COUNT}
  ) unembedded`;

/**
 * Stores vectors of model $2 for conversation $1's messages $3 (signs $4, vectors $5), replacing any
 * other model's; a message that left the recall index meanwhile (a clear) gets none.
 */
export const UPSERT_EMBEDDINGS = `
  INSERT INTO "MessageEmbedding" ("conversationId", "seq", "model", "signs", "vector", "branch")
  SELECT $1::uuid, e.seq, $2, e.signs::bit varying, e.vector, m."branch"
  FROM unnest($3::int[], $4::text[], $5::bytea[]) AS e(seq, signs, vector)
  JOIN "Message" m ON m."conversationId" = $1::uuid AND m."seq" = e.seq AND m."recall" IS NOT NULL
  ON CONFLICT ("conversationId", "seq") DO UPDATE
  SET "model" = EXCLUDED."model", "signs" = EXCLUDED."signs", "vector" = EXCLUDED."vector", "written" = DEFAULT`;

/** A shortlisted message's vector. */
export interface NearestEmbeddingRow {
  seq: number;
  vector: Buffer;
}

/**
 * The $5 messages before $4 whose vector signs differ least from the query's ($3), among conversation
 * $1's vectors of model $2 on its current branch that are still in the recall index; their vectors are
 * read for exact ranking.
 */
export const SELECT_NEAREST_EMBEDDINGS = `
  WITH near AS (
    SELECT v."seq" FROM "MessageEmbedding" v
    WHERE v."conversationId" = $1::uuid AND v."model" = $2 AND v."seq" < $4 AND length(v."signs") = length($3::bit varying)
      AND ${onCurrentPath("v")}
    ORDER BY bit_count(v."signs" # $3::bit varying), v."seq" DESC
    LIMIT $5
  )
  SELECT e."seq", e."vector"
  FROM near
  JOIN "MessageEmbedding" e ON e."conversationId" = $1::uuid AND e."seq" = near."seq"
  WHERE EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = $1::uuid AND m."seq" = near."seq" AND m."recall" IS NOT NULL)`;

export async function indexForRecall(conversationId: string, db: Queryable = pool()): Promise<number> {
  const { rows } = await db.query<{ indexed: number }>({
    name: "index_for_recall",
    text: INDEX_FOR_RECALL,
    values: [conversationId],
  });
  return rows[0]?.indexed ?? 0;
}

export async function forgetRecall(conversationId: string, db: Queryable = pool()): Promise<void> {
  await db.query({ name: "forget_recall", text: FORGET_RECALL, values: [conversationId] });
}

export async function selectRecallHits(
  conversationId: string,
  words: string[],
  caps: number[],
  beforeSeq: number,
): Promise<RecallHitRow[]> {
  const { rows } = await pool().query<RecallHitRow>({
    name: "select_recall_hits",
    text: SELECT_RECALL_HITS,
    values: [conversationId, words, caps, beforeSeq],
  });
  return rows;
}

export async function selectRecallTermCounts(conversationId: string, words: string[]): Promise<RecallTermCountRow[]> {
  const { rows } = await pool().query<RecallTermCountRow>({
    name: "select_recall_term_counts",
    text: SELECT_RECALL_TERM_COUNTS,
    values: [conversationId, words],
  });
  return rows;
}

export async function selectRecallCandidates(conversationId: string, seqs: number[]): Promise<RecallCandidateRow[]> {
  const { rows } = await pool().query<RecallCandidateRow>({
    name: "select_recall_candidates",
    text: SELECT_RECALL_CANDIDATES,
    values: [conversationId, seqs],
  });
  return rows;
}

export async function hasEmbeddingsBefore(conversationId: string, model: string, beforeSeq: number): Promise<boolean> {
  const { rows } = await pool().query<{ any: boolean }>({
    name: "has_embeddings_before",
    text: HAS_EMBEDDINGS_BEFORE,
    values: [conversationId, model, beforeSeq],
  });
  return rows[0]?.any ?? false;
}

export async function countUnembedded(conversationId: string, model: string): Promise<number> {
  const { rows } = await pool().query<{ pending: number }>({
    name: "count_unembedded",
    text: COUNT_UNEMBEDDED,
    values: [conversationId, model],
  });
  return rows[0]?.pending ?? 0;
}

export async function selectUnembedded(conversationId: string, model: string, beforeSeq: number, limit: number): Promise<UnembeddedRow[]> {
  const { rows } = await pool().query<UnembeddedRow>({
    name: "select_unembedded",
    text: SELECT_UNEMBEDDED,
    values: [conversationId, model, beforeSeq, limit],
  });
  return rows;
}

/**
 * Waits for a Clear memory of conversation $1 in progress (it holds the row for update): the vectors
 * stored after it then see which messages it took out of recall.
 */
export const SHARE_CONVERSATION_ROW = `SELECT 1 FROM "Conversation" WHERE "id" = $1::uuid FOR SHARE`;

export async function upsertEmbeddings(
  conversationId: string,
  model: string,
  embedded: { seq: number; signs: string; vector: Buffer }[],
): Promise<void> {
  await transaction(async (client) => {
    await client.query({ name: "share_conversation_row", text: SHARE_CONVERSATION_ROW, values: [conversationId] });
    await client.query({
      name: "upsert_embeddings",
      text: UPSERT_EMBEDDINGS,
      values: [conversationId, model, embedded.map((row) => row.seq), embedded.map((row) => row.signs), embedded.map((row) => row.vector)],
    });
  });
}

export async function selectNearestEmbeddings(
  conversationId: string,
  model: string,
  signs: string,
  beforeSeq: number,
  limit: number,
): Promise<NearestEmbeddingRow[]> {
  const { rows } = await pool().query<NearestEmbeddingRow>({
    name: "select_nearest_embeddings",
    text: SELECT_NEAREST_EMBEDDINGS,
    values: [conversationId, model, signs, beforeSeq, limit],
  });
  return rows;
}

export async function searchMessages(conversationIds: string[], words: string, limit: number): Promise<MessageHitRow[]> {
  const { rows } = await pool().query<MessageHitRow>({
    name: "search_messages",
    text: SEARCH_MESSAGES,
    values: [conversationIds, words, limit],
  });
  return rows;
}

// What an instance's copy of a conversation's vectors (lib/conversations/vector-cache.ts) reads.
// "written" numbers every insert and update of a vector (migration 023), so what changed since a copy
// was made is what was written after its newest; how many vectors there are, and the sum of their
// seqs, say whether anything was deleted meanwhile. Both come from the index, not the table.

/**
 * A vector written after the copy's newest one (all null when none was), with the state of the
 * conversation's vectors of that model at the same moment, repeated on every row.
 */
export interface ChangedVectorRow {
  /** How many vectors there are, and the sum of their seqs (bigint, as text). */
  rows: number;
  seqSum: string;
  pathBranches: number[];
  pathEnds: number[];
  seq: number | null;
  branch: number | null;
  /** When it was written, in the order of writes (bigint, as text). */
  written: string | null;
  signs: string | null;
  vector: Buffer | null;
}

/**
 * Up to $4 of conversation $1's vectors of model $2 written after $3, in the order they were, each
 * with how many vectors there are, the sum of their seqs and the conversation's current path: a copy
 * reads what changed since it was made, a page at a time. No conversation, no row.
 */
export const SELECT_CHANGED_VECTORS = `
  WITH stamp AS (
    SELECT count(e."seq")::int AS "rows", coalesce(sum(e."seq"), 0)::text AS "seqSum"
    FROM "MessageEmbedding" e
    WHERE e."conversationId" = $1::uuid AND e."model" = $2
  )
  SELECT stamp.*, c."pathBranches", c."pathEnds", changed.*
  FROM "Conversation" c
  CROSS JOIN stamp
  LEFT JOIN LATERAL (
    SELECT v."seq", v."branch", v."written"::text AS "written", v."signs"::text AS "signs", v."vector"
    FROM "MessageEmbedding" v
    WHERE v."conversationId" = $1::uuid AND v."model" = $2 AND v."written" > $3::bigint
    -- The column, not the text it is read as ("10" sorts before "9").
    ORDER BY v."written"
    LIMIT $4
  ) changed ON true
  WHERE c."id" = $1::uuid`;

export async function selectChangedVectors(
  conversationId: string,
  model: string,
  after: bigint,
  limit: number,
): Promise<ChangedVectorRow[]> {
  const { rows } = await pool().query<ChangedVectorRow>({
    name: "select_changed_vectors",
    text: SELECT_CHANGED_VECTORS,
    values: [conversationId, model, after.toString(), limit],
  });
  return rows;
}
