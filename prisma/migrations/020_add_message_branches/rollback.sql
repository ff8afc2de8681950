-- Rolls back 020_add_message_branches: psql -d <db> -f prisma/migrations/020_add_message_branches/rollback.sql
\set ON_ERROR_STOP on
BEGIN;

-- The same lock as the migration runner and Prisma Migrate, so a rollback never interleaves with a deploy.
SELECT pg_advisory_xact_lock(72707369);

DO $guard$
DECLARE
    later TEXT;
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM "_prisma_migrations"
        WHERE migration_name = '020_add_message_branches' AND finished_at IS NOT NULL AND rolled_back_at IS NULL
    ) THEN
        RAISE EXCEPTION 'Migration 020_add_message_branches is not applied; there is nothing to roll back.';
    END IF;
    SELECT string_agg(migration_name, ', ' ORDER BY migration_name COLLATE "C" DESC) INTO later
    FROM "_prisma_migrations"
    WHERE migration_name COLLATE "C" > '020_add_message_branches' AND rolled_back_at IS NULL;
    IF later IS NOT NULL THEN
        RAISE EXCEPTION 'Roll back the later migrations first: %', later;
    END IF;
END
$guard$;

-- Each conversation keeps its current branch: the messages on its path stay, with their positions
-- (gaps where other branches' messages were are fine: messages are read in order of position), and
-- so does memory, which is the current branch's. Other branches' messages and vectors go.
DELETE FROM "Message" m
USING "Conversation" c
WHERE m."conversationId" = c."id"
  AND NOT COALESCE(m."seq" <= c."pathEnds"[array_position(c."pathBranches", m."branch")], false);

DELETE FROM "MessageEmbedding" e
WHERE NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = e."conversationId" AND m."seq" = e."seq");

DROP TABLE "Branch";
ALTER TABLE "Message" DROP COLUMN "branch", DROP COLUMN "memoryBefore";
ALTER TABLE "Conversation" DROP COLUMN "branch", DROP COLUMN "pathBranches", DROP COLUMN "pathEnds", DROP COLUMN "memoryClears";
ALTER TABLE "ShareLink" DROP COLUMN "pathBranches", DROP COLUMN "pathEnds";
ALTER TABLE "MessageEmbedding" DROP COLUMN "branch";

-- Bookkeeping: with the row gone, the migration is pending again for this runner and for prisma migrate deploy.
DELETE FROM "_prisma_migrations" WHERE migration_name = '020_add_message_branches';

COMMIT;
