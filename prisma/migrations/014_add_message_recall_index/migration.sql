-- Long-term recall (lib/memory/recall-*.ts): full-text search over the messages that have left a
-- conversation's live window. "recall" stays NULL while a message is in the window, for failed
-- replies, and for messages from before a "Clear memory"; it is filled off the reply's path, after
-- a turn, up to "Conversation"."recallIndexedSeq". Existing conversations are indexed by their next turn.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "recall" TSVECTOR;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "recallIndexedSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex: each lexeme is prefixed with its conversation's id ("<id>:lisbon"), so a GIN key lists
-- one conversation's messages, and a lookup costs what that conversation holds of the term. Without the pending list
-- (fastupdate): vectors are written after turns, off the reply's path, while every search before a
-- first token would otherwise read the whole unmerged list.
CREATE INDEX "Message_recall_idx" ON "Message" USING GIN ("recall") WITH (fastupdate = off);
