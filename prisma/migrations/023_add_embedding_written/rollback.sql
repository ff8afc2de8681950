-- Rolls back 023_add_embedding_written: psql -d <db> -f prisma/migrations/023_add_embedding_written/rollback.sql
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
        WHERE migration_name = '023_add_embedding_written' AND finished_at IS NOT NULL AND rolled_back_at IS NULL
    ) THEN
        RAISE EXCEPTION 'Migration 023_add_embedding_written is not applied; there is nothing to roll back.';
    END IF;
    SELECT string_agg(migration_name, ', ' ORDER BY migration_name COLLATE "C" DESC) INTO later
    FROM "_prisma_migrations"
    WHERE migration_name COLLATE "C" > '023_add_embedding_written' AND rolled_back_at IS NULL;
    IF later IS NOT NULL THEN
        RAISE EXCEPTION 'Roll back the later migrations first: %', later;
    END IF;
END
$guard$;

-- The column's sequence goes with it. The vectors of forgotten messages that the migration deleted
-- are not restored: no statement read them, older code skipped them as it does now.
DROP INDEX "MessageEmbedding_written_idx";
ALTER TABLE "MessageEmbedding" DROP COLUMN "written";

-- Bookkeeping: with the row gone, the migration is pending again for this runner and for prisma migrate deploy.
DELETE FROM "_prisma_migrations" WHERE migration_name = '023_add_embedding_written';

COMMIT;
