-- Rolls back 024_add_memory_across_chats: psql -d <db> -f prisma/migrations/024_add_memory_across_chats/rollback.sql
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
        WHERE migration_name = '024_add_memory_across_chats' AND finished_at IS NOT NULL AND rolled_back_at IS NULL
    ) THEN
        RAISE EXCEPTION 'Migration 024_add_memory_across_chats is not applied; there is nothing to roll back.';
    END IF;
    SELECT string_agg(migration_name, ', ' ORDER BY migration_name COLLATE "C" DESC) INTO later
    FROM "_prisma_migrations"
    WHERE migration_name COLLATE "C" > '024_add_memory_across_chats' AND rolled_back_at IS NULL;
    IF later IS NOT NULL THEN
        RAISE EXCEPTION 'Roll back the later migrations first: %', later;
    END IF;
END
$guard$;

-- Which memory each conversation fed, the hand edits and the temporary chats' times are dropped:
-- older code has no memory across chats. Temporary chats become ordinary ones.
DROP INDEX "Conversation_expiresAt_idx";
DROP INDEX "Conversation_memoryId_updatedAt_idx";
DROP TABLE "SavedMemory";
ALTER TABLE "Message" DROP COLUMN "feedsMemory";
ALTER TABLE "Conversation" DROP COLUMN "expiresAt";
ALTER TABLE "Conversation" DROP COLUMN "othersWrote";
ALTER TABLE "Conversation" DROP COLUMN "adoptable";
ALTER TABLE "Conversation" DROP COLUMN "memoryId";

-- Bookkeeping: with the row gone, the migration is pending again for this runner and for prisma migrate deploy.
DELETE FROM "_prisma_migrations" WHERE migration_name = '024_add_memory_across_chats';

COMMIT;
