-- True rarity for long-term recall (lib/conversations/recall.ts): how many of a conversation's
-- indexed messages hold each lexeme, kept as messages are indexed (INDEX_FOR_RECALL) and emptied when
-- the index is forgotten (FORGET_RECALL). A lookup reads one row per search term, so ranking no longer
-- counts a common word's messages, nor mistakes a capped count for a rare word. Lexemes are compared
-- bytewise ("C"), so one word's prefix is a range of the primary key.

-- CreateTable
CREATE TABLE "RecallTerm" (
    "conversationId" UUID NOT NULL,
    "lexeme" TEXT COLLATE "C" NOT NULL,
    "messages" INTEGER NOT NULL,

    CONSTRAINT "RecallTerm_pkey" PRIMARY KEY ("conversationId","lexeme")
);

-- AddForeignKey
ALTER TABLE "RecallTerm" ADD CONSTRAINT "RecallTerm_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The counts of what is indexed already (each key is "<conversation id>:<lexeme>").
INSERT INTO "RecallTerm" ("conversationId", "lexeme", "messages")
SELECT m."conversationId", substr(l.lexeme, 38), count(*)::int
FROM "Message" m CROSS JOIN LATERAL unnest(m."recall") l
WHERE m."recall" IS NOT NULL
GROUP BY 1, 2;
