import "server-only";
import { pool } from "../client";

/** A reply not touched for this long is not live (its instance died); recovery marks it later. */
const LIVE_WITHIN_SECONDS = 20;
/** Replies usually end within seconds; a refusal for live replies suggests trying again after this. */
const LIVE_WAIT_MS = 5_000;

export interface LimitVerdictRow {
  allowed: boolean;
  /** Some keys have no row yet: nothing was counted; seed them (SEED_LIMIT_KEYS) and ask again. */
  missing: boolean;
  /** The limit that refused (its key), when one did: the one that frees up last. */
  refusedBy: string | null;
  waitMs: number | null;
}

/**
 * Counts a request against every rule at once, all or nothing (lib/limits/limit-rules.ts explains
 * a rule). The rules' rows are locked in key order, so concurrent requests queue on a key and each
 * sees what the one before it counted. A key without a row counts nothing (a row inserted by a
 * concurrent request may not be visible to this statement): the caller seeds it and asks again.
 * With live caps, also counts the replies streaming now.
 * $1 keys, $2 steps (ms), $3 periods (ms), $4 counted only for a new conversation, $5 conversation
 * (nullable), $6 client, $7 live caps [client, conversation, all] (0 = none; empty array: not checked).
 */
export const CONSUME_LIMITS = `
  WITH relaxed AS (
    -- Counters need no durability: a crash forgets at most the last moment's counts, and the rows'
    -- locks are not held through a WAL flush.
    SELECT set_config('synchronous_commit', 'off', true) AS "setting"
  ), asked AS (
    SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::bool[]) AS a("key", "stepMs", "periodMs", "onlyNew")
  ), fresh AS (
    SELECT NOT EXISTS (SELECT 1 FROM "Conversation" WHERE "id" = $5::uuid) AS "isNew"
  ), applying AS (
    SELECT asked.* FROM asked, fresh WHERE NOT asked."onlyNew" OR fresh."isNew"
  ), locked AS MATERIALIZED (
    SELECT "key", "emptyAt" FROM "RateLimit" WHERE "key" IN (SELECT "key" FROM applying) ORDER BY "key" FOR UPDATE
  ), planned AS (
    -- Steps in whole microseconds, as "emptyAt" keeps them: a request at exactly its limit fits.
    SELECT a."key", a."periodMs",
      greatest(locked."emptyAt", statement_timestamp()) + floor(a."stepMs" * 1000) * interval '1 microsecond' AS "emptyAt"
    FROM applying a JOIN locked USING ("key")
  ), live AS (
    SELECT count(*) FILTER (WHERE "client" = $6) AS "client",
      count(*) FILTER (WHERE "conversationId" = $5::uuid) AS "conversation", count(*) AS "all"
    FROM "Message"
    WHERE cardinality($7::int[]) = 3 AND "status" = 'streaming'
      AND "updatedAt" > statement_timestamp() - interval '${LIVE_WITHIN_SECONDS} seconds'
  ), refused AS (
    SELECT "key", extract(epoch FROM "emptyAt" - statement_timestamp()) * 1000 - "periodMs" AS "waitMs"
    FROM planned WHERE "emptyAt" > statement_timestamp() + "periodMs" * interval '1 millisecond'
    UNION ALL
    SELECT scope."key", ${LIVE_WAIT_MS} FROM live, LATERAL (VALUES
      ('live:client', live."client", $7[1]), ('live:conversation', live."conversation", $7[2]), ('live:all', live."all", $7[3])
    ) AS scope("key", "count", "cap")
    WHERE scope."cap" > 0 AND scope."count" >= scope."cap"
  ), verdict AS (
    SELECT (SELECT count(*) FROM applying) > (SELECT count(*) FROM locked) AS "missing",
      NOT EXISTS (SELECT 1 FROM refused) AS "fits"
  ), updated AS (
    UPDATE "RateLimit" SET "emptyAt" = planned."emptyAt" FROM planned, verdict
    WHERE "RateLimit"."key" = planned."key" AND verdict."fits" AND NOT verdict."missing"
    RETURNING 1
  )
  SELECT verdict."fits" AND NOT verdict."missing" AS "allowed", verdict."missing",
    (SELECT "key" FROM refused ORDER BY "waitMs" DESC LIMIT 1) AS "refusedBy",
    (SELECT max("waitMs") FROM refused)::float8 AS "waitMs",
    (SELECT count(*) FROM updated)::int AS "counted"
  FROM verdict, relaxed`;

/** Rows for keys seen for the first time, counting nothing yet. $1 keys. */
export const SEED_LIMIT_KEYS = `
  INSERT INTO "RateLimit" ("key", "emptyAt") SELECT "key", statement_timestamp() FROM unnest($1::text[]) AS k("key")
  ORDER BY "key" ON CONFLICT ("key") DO NOTHING`;

/** Rows long drained mean nothing: deleting them changes no verdict (an hour spares rows just seeded). */
export const DELETE_DRAINED_LIMITS = `DELETE FROM "RateLimit" WHERE "emptyAt" < statement_timestamp() - interval '1 hour'`;

export interface ConsumeLimitsInput {
  keys: string[];
  stepsMs: number[];
  periodsMs: number[];
  onlyNew: boolean[];
  conversationId: string | null;
  client: string;
  /** [client, conversation, all]; empty: live replies are not checked. */
  liveCaps: number[];
}

/** One statement while every key has its row; a key's first request seeds it and asks once more. */
export async function consumeLimits(input: ConsumeLimitsInput): Promise<LimitVerdictRow> {
  const query = {
    name: "consume_limits",
    text: CONSUME_LIMITS,
    values: [input.keys, input.stepsMs, input.periodsMs, input.onlyNew, input.conversationId, input.client, input.liveCaps],
  };
  for (let attempt = 0; ; attempt++) {
    const { rows } = await pool().query<LimitVerdictRow>(query);
    // A key that exists already refused: that holds whatever the missing ones say, and seeding them
    // would let refused requests fill the table.
    if (!rows[0].missing || rows[0].refusedBy || attempt === 2) return rows[0];
    await pool().query({ name: "seed_limit_keys", text: SEED_LIMIT_KEYS, values: [input.keys] });
  }
}

export async function deleteDrainedLimits(): Promise<number> {
  const { rowCount } = await pool().query({ name: "delete_drained_limits", text: DELETE_DRAINED_LIMITS });
  return rowCount ?? 0;
}
