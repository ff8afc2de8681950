-- Recall from the user's other chats (docs/memory.md) counts the question's words in every chat of a
-- browser's memory. Keyed by memory, each lexeme is one index range over those chats, rather than one
-- lookup per chat: the memory each conversation feeds is copied to its term counts.
ALTER TABLE "RecallTerm" ADD COLUMN "memoryId" UUID;

UPDATE "RecallTerm" r SET "memoryId" = c."memoryId"
FROM "Conversation" c
WHERE c."id" = r."conversationId" AND c."memoryId" IS NOT NULL;

-- CreateIndex: the counts of a lexeme in a memory's chats, read from the index alone.
CREATE INDEX "RecallTerm_memoryId_lexeme_conversationId_messages_idx" ON "RecallTerm"("memoryId", "lexeme", "conversationId", "messages");
