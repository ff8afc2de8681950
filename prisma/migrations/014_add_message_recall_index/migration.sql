-- Long-term recall (lib/memory/recall-*.ts): full-text search over the messages that have left a
-- conversation's live window. "recall" stays NULL while a message is in the window, for failed
-- replies, and for messages from before a "Clear memory"; it is filled off the reply's path, after
-- a turn, up to "Conversation"."recallIndexedSeq". Existing conversations are indexed by their next turn.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "recall" TSVECTOR;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "recallIndexedSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex: each vector also holds its conversation's own lexeme, so one GIN scan finds a term
-- within one conversation however many others the table holds.
CREATE INDEX "Message_recall_idx" ON "Message" USING GIN ("recall");
