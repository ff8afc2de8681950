-- Read-only links (/s/<token>): a random token shows a conversation up to the message it was shared
-- at, and nothing else (not its id, which is the key to write, clear memory and delete). One link per
-- conversation; revoking deletes it, and deleting the conversation takes it along.

-- CreateTable
CREATE TABLE "ShareLink" (
    "token" TEXT NOT NULL,
    "conversationId" UUID NOT NULL,
    "throughSeq" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("token")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_conversationId_key" ON "ShareLink"("conversationId");

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
