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
 * Each group of keys (a key's first part: turns, tokens…) is counted by its shared plan, its steps up
 * to each key's shared part, or if that does not fit by its reserve plan, its reserve steps up to each
 * key's period (RESERVE in lib/limits/limit-rules.ts); a group that neither fits refuses the request.
 * $1 keys, $2 steps (ms), $3 periods (ms), $4 counted only for a new conversation, $5 conversation
 * (nullable), $6 client, $7 live caps [client, conversation, all] (0 = none; empty array: not checked),
 * $8 shared parts (ms), $9 reserve steps (ms).
 */
export const CONSUME_LIMITS = `
  WITH relaxed AS (
    -- Counters need no durability: a crash forgets at most the last moment's counts, and the rows'
    -- locks are not held through a WAL flush.
    SELECT set_config('synchronous_commit', 'off', true) AS "setting"
  ), asked AS (
    SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::bool[], $8::float8[], $9::float8[])
      AS a("key", "stepMs", "periodMs", "onlyNew", "sharedMs", "reserveStepMs")
  ), fresh AS (
    SELECT NOT EXISTS (SELECT 1 FROM "Conversation" WHERE "id" = $5::uuid) AS "isNew"
  ), applying AS (
    SELECT asked.* FROM asked, fresh WHERE NOT asked."onlyNew" OR fresh."isNew"
  ), locked AS MATERIALIZED (
    SELECT "key", "emptyAt" FROM "RateLimit" WHERE "key" IN (SELECT "key" FROM applying) ORDER BY "key" FOR UPDATE
  ), planned AS (
    -- Steps in whole microseconds, as "emptyAt" keeps them: a request at exactly its limit fits.
    SELECT a."key", split_part(a."key", ':', 1) AS "group", plan."reserve", plan."barMs",
      greatest(locked."emptyAt", statement_timestamp()) + floor(plan."stepMs" * 1000) * interval '1 microsecond' AS "emptyAt"
    FROM applying a JOIN locked USING ("key"),
      LATERAL (VALUES (false, a."stepMs", a."sharedMs"), (true, a."reserveStepMs", a."periodMs")) AS plan("reserve", "stepMs", "barMs")
  ), exceeding AS (
    SELECT "group", "reserve", "key", extract(epoch FROM "emptyAt" - statement_timestamp()) * 1000 - "barMs" AS "waitMs"
    FROM planned WHERE "emptyAt" > statement_timestamp() + "barMs" * interval '1 millisecond'
  ), chosen AS (
    -- Each group's first plan that fits: the shared one before the reserve.
    SELECT DISTINCT ON ("group") "group", "reserve" FROM planned
    WHERE NOT EXISTS (SELECT 1 FROM exceeding e WHERE e."group" = planned."group" AND e."reserve" = planned."reserve")
    ORDER BY "group", "reserve"
  ), blocked AS (
    -- A group that no plan fits waits for the plan that fits first, which waits for its key that frees up last.
    SELECT DISTINCT ON ("group") "group", "key", "waitMs" FROM (
      SELECT DISTINCT ON ("group", "reserve") * FROM exceeding ORDER BY "group", "reserve", "waitMs" DESC
    ) AS worst
    WHERE "group" NOT IN (SELECT "group" FROM chosen) ORDER BY "group", "waitMs"
  ), live AS (
    SELECT count(*) FILTER (WHERE "client" = $6) AS "client",
      count(*) FILTER (WHERE "conversationId" = $5::uuid) AS "conversation", count(*) AS "all"
    FROM "Message"
    WHERE cardinality($7::int[]) = 3 AND "status" = 'streaming'
      AND "updatedAt" > statement_timestamp() - interval '${LIVE_WITHIN_SECONDS} seconds'
  ), refused AS (
    SELECT "key", "waitMs" FROM blocked
    UNION ALL
    SELECT scope."key", ${LIVE_WAIT_MS} FROM live, LATERAL (VALUES
      ('live:client', live."client", $7[1]), ('live:conversation', live."conversation", $7[2]), ('live:all', live."all", $7[3])
    ) AS scope("key", "count", "cap")
    WHERE scope."cap" > 0 AND scope."count" >= scope."cap"
  ), verdict AS (
    SELECT (SELECT count(*) FROM applying) > (SELECT count(*) FROM locked) AS "missing",
      NOT EXISTS (SELECT 1 FROM refused) AS "fits"
  ), updated AS (
    UPDATE "RateLimit" SET "emptyAt" = planned."emptyAt" FROM planned JOIN chosen USING ("group", "reserve"), verdict
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
  /** How far each key may move for a request not served from a reserve. */
  sharedMs: number[];
  /** Each key's step for a request served from a reserve. */
  reserveStepsMs: number[];
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
    values: [
      input.keys,
      input.stepsMs,
      input.periodsMs,
      input.onlyNew,
      input.conversationId,
      input.client,
      input.liveCaps,
      input.sharedMs,
      input.reserveStepsMs,
    ],
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
