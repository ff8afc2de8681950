-- Rolls back 010_add_memory_buffer_to_conversation: psql -d <db> -f prisma/migrations/010_add_memory_buffer_to_conversation/rollback.sql
-- Afterwards the schema is exactly as before 010. It refuses while any conversation holds memory,
-- which would be lost with the column: roll back 011 first, which moves memory back into sessions.
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
        WHERE migration_name = '010_add_memory_buffer_to_conversation' AND finished_at IS NOT NULL AND rolled_back_at IS NULL
    ) THEN
        RAISE EXCEPTION 'Migration 010_add_memory_buffer_to_conversation is not applied; there is nothing to roll back.';
    END IF;
    SELECT string_agg(migration_name, ', ' ORDER BY migration_name COLLATE "C" DESC) INTO later
    FROM "_prisma_migrations"
    WHERE migration_name COLLATE "C" > '010_add_memory_buffer_to_conversation' AND rolled_back_at IS NULL;
    IF later IS NOT NULL THEN
        RAISE EXCEPTION 'Roll back the later migrations first: %', later;
    END IF;
    IF EXISTS (SELECT 1 FROM "Conversation" WHERE "memoryBuffer" IS NOT NULL) THEN
        RAISE EXCEPTION '% conversations hold memory in "memoryBuffer", which this rollback would drop. Move it elsewhere first.',
            (SELECT count(*) FROM "Conversation" WHERE "memoryBuffer" IS NOT NULL);
    END IF;
END
$guard$;

DROP INDEX "Conversation_memoryBuffer_idx";

-- Dropping the column also drops its comment.
ALTER TABLE "Conversation" DROP COLUMN "memoryBuffer";

-- Bookkeeping: with the row gone, the migration is pending again for this runner and for prisma migrate deploy.
DELETE FROM "_prisma_migrations" WHERE migration_name = '010_add_memory_buffer_to_conversation';

COMMIT;
