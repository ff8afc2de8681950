-- Rolls back 027_add_attachment_passage_embedding: psql -d <db> -f prisma/migrations/027_add_attachment_passage_embedding/rollback.sql
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
        WHERE migration_name = '027_add_attachment_passage_embedding' AND finished_at IS NOT NULL AND rolled_back_at IS NULL
    ) THEN
        RAISE EXCEPTION 'Migration 027_add_attachment_passage_embedding is not applied; there is nothing to roll back.';
    END IF;
    SELECT string_agg(migration_name, ', ' ORDER BY migration_name COLLATE "C" DESC) INTO later
    FROM "_prisma_migrations"
    WHERE migration_name COLLATE "C" > '027_add_attachment_passage_embedding' AND rolled_back_at IS NULL;
    IF later IS NOT NULL THEN
        RAISE EXCEPTION 'Roll back the later migrations first: %', later;
    END IF;
END
$guard$;

-- Older code reads passages by their words only, and reads a named page without this index.
DROP INDEX "AttachmentPassage_contentId_page_idx";
DROP INDEX "AttachmentPassage_unembedded_idx";
ALTER TABLE "AttachmentPassage" DROP COLUMN "embedding";
ALTER TABLE "AttachmentPassage" DROP COLUMN "embeddingModel";

-- Bookkeeping: with the row gone, the migration is pending again for this runner and for prisma migrate deploy.
DELETE FROM "_prisma_migrations" WHERE migration_name = '027_add_attachment_passage_embedding';

COMMIT;
