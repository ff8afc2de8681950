import "server-only";
import { pool } from "../client";

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
