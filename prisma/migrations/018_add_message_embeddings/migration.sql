-- Optional embedding similarity for long-term recall (lib/conversations/embed-recall.ts): with a real
-- endpoint and OPENAI_EMBEDDING_MODEL set, each message that has left the live window gets a vector,
-- stored twice: its signs as a bit string, compared with bit_count(a # b) to shortlist a conversation's
-- nearest messages in core PostgreSQL (14+, no extension), and the unit-length float32 vector, read
-- only for that shortlist to rank it exactly. Only messages still in the recall index are used, so
-- a "Clear memory" needs no change here; deleting the conversation takes its vectors along.

-- CreateTable
CREATE TABLE "MessageEmbedding" (
    "conversationId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "signs" BIT VARYING NOT NULL,
    "vector" BYTEA NOT NULL,

    CONSTRAINT "MessageEmbedding_pkey" PRIMARY KEY ("conversationId","seq")
);

-- AddForeignKey
ALTER TABLE "MessageEmbedding" ADD CONSTRAINT "MessageEmbedding_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
