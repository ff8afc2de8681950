-- Migration 010: keep LangChain memory on the conversation itself, replacing session-scoped memory.
-- Nullable and additive: existing rows get NULL, which the application reads as empty memory.

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "memoryBuffer" JSONB;

-- CreateIndex: jsonb_path_ops serves @> containment, the only operator memory search uses, with a smaller index.
CREATE INDEX "Conversation_memoryBuffer_idx" ON "Conversation" USING GIN ("memoryBuffer" jsonb_path_ops);

COMMENT ON COLUMN "Conversation"."memoryBuffer" IS 'LangChain memory state for this conversation: recent message window (short_term_memory), running summary and facts (long_term_memory), user_preferences and stats. NULL means empty memory.';
