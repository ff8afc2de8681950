-- Each instance keeps a copy of the vectors of the conversations it recalls from lately
-- (lib/conversations/vector-cache.ts). To bring a copy up to date it reads the vectors written since,
-- in the order they were written: "written" numbers every insert and update, and the index finds a
-- conversation's new ones, and counts them all, without reading the table.

-- A Clear memory now deletes the vectors of the messages it takes out of recall (FORGET_RECALL), so
-- that a copy holds only what recall may find. These are the ones that earlier clears left behind:
-- no message of theirs is in the recall index, and none will be again.
DELETE FROM "MessageEmbedding" e
WHERE NOT EXISTS (
    SELECT 1 FROM "Message" m
    WHERE m."conversationId" = e."conversationId" AND m."seq" = e."seq" AND m."recall" IS NOT NULL
);

-- CreateSequence
CREATE SEQUENCE "MessageEmbedding_written_seq";

-- AlterTable (existing rows are numbered as the table is rewritten)
ALTER TABLE "MessageEmbedding" ADD COLUMN "written" BIGINT NOT NULL DEFAULT nextval('"MessageEmbedding_written_seq"');
ALTER SEQUENCE "MessageEmbedding_written_seq" OWNED BY "MessageEmbedding"."written";

-- CreateIndex
CREATE INDEX "MessageEmbedding_written_idx" ON "MessageEmbedding"("conversationId", "model", "written", "seq");
