-- Moves the legacy session memory into Conversation."memoryBuffer" (memory format version 1, see lib/memory)
-- and drops "ConversationSession". Nothing is lost: every session row is archived verbatim under
-- memoryBuffer.legacy_sessions, which the rollback uses to recreate the table exactly.

WITH ranked AS (
    SELECT s.*,
           row_number() OVER (PARTITION BY s."conversationId" ORDER BY s."updatedAt" DESC, s."createdAt" DESC, s."id" DESC) AS rn
    FROM "ConversationSession" s
),
grouped AS (
    SELECT r."conversationId",
           jsonb_agg(jsonb_build_object(
               'id', r."id",
               'sessionToken', r."sessionToken",
               'memory', r."memory",
               'expiresAt', r."expiresAt",
               'createdAt', r."createdAt",
               'updatedAt', r."updatedAt"
           ) ORDER BY r.rn) AS sessions,
           (array_agg(r."memory" ORDER BY r.rn))[1] AS newest,
           (array_agg(r."updatedAt" ORDER BY r.rn))[1] AS newest_at
    FROM ranked r
    GROUP BY r."conversationId"
),
converted AS (
    SELECT g."conversationId",
           g.sessions,
           CASE
               -- A session written by this migration's rollback carries the full buffer: restore it as it was.
               WHEN jsonb_typeof(g.newest -> 'memory_buffer') = 'object' THEN g.newest -> 'memory_buffer'
               ELSE jsonb_build_object(
                   'version', 1,
                   'short_term_memory', jsonb_build_object(
                       'messages', CASE WHEN jsonb_typeof(g.newest -> 'chat_history') = 'array'
                                        THEN g.newest -> 'chat_history' ELSE '[]'::jsonb END
                   ),
                   'long_term_memory', jsonb_build_object(
                       'summary', COALESCE(g.newest ->> 'summary', ''),
                       'summarized_messages', 0,
                       'facts', '[]'::jsonb
                   ),
                   'user_preferences', COALESCE((
                       SELECT jsonb_object_agg(p.key, p.value #>> '{}')
                       FROM jsonb_each(CASE WHEN jsonb_typeof(g.newest -> 'preferences') = 'object'
                                            THEN g.newest -> 'preferences' ELSE '{}'::jsonb END) p
                       WHERE jsonb_typeof(p.value) <> 'null'
                   ), '{}'::jsonb),
                   'stats', jsonb_build_object(
                       'turns', (
                           SELECT count(*)
                           FROM jsonb_array_elements(CASE WHEN jsonb_typeof(g.newest -> 'chat_history') = 'array'
                                                          THEN g.newest -> 'chat_history' ELSE '[]'::jsonb END) m
                           WHERE m ->> 'type' = 'human'
                       ),
                       'updated_at', to_jsonb(g.newest_at)
                   )
               )
           END AS core
    FROM grouped g
)
UPDATE "Conversation" c
SET "memoryBuffer" = COALESCE(c."memoryBuffer", v.core) || jsonb_build_object(
    'legacy_sessions', jsonb_build_object(
        'sessions', v.sessions,
        'buffer_before', COALESCE(c."memoryBuffer", 'null'::jsonb),
        -- Lets the rollback tell whether the application changed the memory after this migration.
        'migrated_md5', md5(COALESCE(c."memoryBuffer", v.core)::text)
    )
)
FROM converted v
WHERE c."id" = v."conversationId";

-- DropTable
DROP TABLE "ConversationSession";
