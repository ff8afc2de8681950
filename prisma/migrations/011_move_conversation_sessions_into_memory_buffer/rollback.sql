-- Rolls back 011_move_conversation_sessions_into_memory_buffer: psql -d <db> -f prisma/migrations/011_move_conversation_sessions_into_memory_buffer/rollback.sql
-- Recreates "ConversationSession" with every archived row and carries memory the application
-- changed since the migration back into sessions, so the previous release loses nothing.
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
        WHERE migration_name = '011_move_conversation_sessions_into_memory_buffer' AND finished_at IS NOT NULL AND rolled_back_at IS NULL
    ) THEN
        RAISE EXCEPTION 'Migration 011_move_conversation_sessions_into_memory_buffer is not applied; there is nothing to roll back.';
    END IF;
    SELECT string_agg(migration_name, ', ' ORDER BY migration_name COLLATE "C" DESC) INTO later
    FROM "_prisma_migrations"
    WHERE migration_name COLLATE "C" > '011_move_conversation_sessions_into_memory_buffer' AND rolled_back_at IS NULL;
    IF later IS NOT NULL THEN
        RAISE EXCEPTION 'Roll back the later migrations first: %', later;
    END IF;
END
$guard$;

-- CreateTable: the definition from 003_create_conversation_session.
CREATE TABLE "ConversationSession" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversationId" UUID NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "memory" JSONB NOT NULL DEFAULT '{}',
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationSession_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ConversationSession_sessionToken_key" ON "ConversationSession"("sessionToken");
CREATE INDEX "ConversationSession_conversationId_idx" ON "ConversationSession"("conversationId");
ALTER TABLE "ConversationSession" ADD CONSTRAINT "ConversationSession_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TEMPORARY TABLE memory_state ON COMMIT DROP AS
SELECT c."id" AS conversation_id,
       c."memoryBuffer" - 'legacy_sessions' AS core,
       c."memoryBuffer" -> 'legacy_sessions' AS legacy,
       COALESCE(md5((c."memoryBuffer" - 'legacy_sessions')::text) = c."memoryBuffer" #>> '{legacy_sessions,migrated_md5}', FALSE) AS unchanged
FROM "Conversation" c
WHERE c."memoryBuffer" IS NOT NULL;

-- Every archived session comes back as it was.
INSERT INTO "ConversationSession" ("id", "conversationId", "sessionToken", "memory", "expiresAt", "createdAt", "updatedAt")
SELECT (s ->> 'id')::uuid, m.conversation_id, s ->> 'sessionToken', s -> 'memory',
       (s ->> 'expiresAt')::timestamptz, (s ->> 'createdAt')::timestamptz, (s ->> 'updatedAt')::timestamptz
FROM memory_state m
CROSS JOIN LATERAL jsonb_array_elements(m.legacy -> 'sessions') AS s
WHERE m.legacy IS NOT NULL;

-- Memory the application changed goes into the newest session, in the legacy shape plus the whole
-- buffer, which 011 restores verbatim if it is applied again.
UPDATE "ConversationSession" cs
SET "memory" = jsonb_build_object(
        'chat_history', COALESCE(m.core #> '{short_term_memory,messages}', '[]'::jsonb),
        'summary', COALESCE(m.core #>> '{long_term_memory,summary}', ''),
        'preferences', COALESCE(m.core -> 'user_preferences', '{}'::jsonb),
        'memory_buffer', m.core),
    "updatedAt" = CURRENT_TIMESTAMP
FROM memory_state m
WHERE NOT m.unchanged
  AND cs."id" = (m.legacy #>> '{sessions,0,id}')::uuid;

-- Conversations started after the migration never had a session: they get one.
INSERT INTO "ConversationSession" ("conversationId", "sessionToken", "memory", "expiresAt")
SELECT m.conversation_id,
       replace(gen_random_uuid()::text, '-', ''),
       jsonb_build_object(
           'chat_history', COALESCE(m.core #> '{short_term_memory,messages}', '[]'::jsonb),
           'summary', COALESCE(m.core #>> '{long_term_memory,summary}', ''),
           'preferences', COALESCE(m.core -> 'user_preferences', '{}'::jsonb),
           'memory_buffer', m.core),
       CURRENT_TIMESTAMP + interval '30 days'
FROM memory_state m
WHERE COALESCE(jsonb_array_length(m.legacy -> 'sessions'), 0) = 0;

-- memoryBuffer holds again what it held before 011; the memory itself now lives in the sessions.
UPDATE "Conversation" c
SET "memoryBuffer" = CASE WHEN jsonb_typeof(m.legacy -> 'buffer_before') = 'object' THEN m.legacy -> 'buffer_before' END
FROM memory_state m
WHERE c."id" = m.conversation_id;

-- Bookkeeping: with the row gone, the migration is pending again for this runner and for prisma migrate deploy.
DELETE FROM "_prisma_migrations" WHERE migration_name = '011_move_conversation_sessions_into_memory_buffer';

COMMIT;
