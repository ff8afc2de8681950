-- Two counters that let a chat turn write with one statement at its start and one at its end:
-- "lastSeq" hands out message positions atomically, even to concurrent turns, and "memoryVersion"
-- lets the end of a turn write memoryBuffer only if no other turn changed it meanwhile.

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "lastSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "memoryVersion" INTEGER NOT NULL DEFAULT 0;

-- Existing conversations continue after their last message.
UPDATE "Conversation" c
SET "lastSeq" = m.last_seq
FROM (SELECT "conversationId", max("seq") AS last_seq FROM "Message" GROUP BY "conversationId") m
WHERE c."id" = m."conversationId";
