-- Which app instance is generating a "streaming" reply. A restarted instance marks its own unfinished
-- replies interrupted at once; other instances' replies are judged by how fresh "updatedAt" is.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "generator" TEXT;

-- CreateIndex: finds a conversation's unfinished replies without reading its other messages.
CREATE INDEX "Message_streaming_idx" ON "Message"("conversationId") WHERE "status" = 'streaming';
