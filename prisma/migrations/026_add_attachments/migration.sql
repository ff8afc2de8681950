-- Attachments (docs/attachments.md): files and images sent with a message, stored in PostgreSQL.
-- A file's bytes are stored once per conversation (by their SHA-256) in chunks, so that neither an
-- upload nor a download holds a whole file in memory; each attachment names its content and, once
-- its message is sent, that message. Uploads never sent are swept after an hour.
CREATE TABLE "AttachmentContent" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    -- NULL while its chunks are being written.
    "sha256" BYTEA,
    "size" INTEGER NOT NULL DEFAULT 0,
    "mediaType" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    -- Its text, read off the request path: 'pending', 'read', 'none' (an image), 'scanned' (a PDF
    -- without a text layer) or 'failed' (unreadable, too slow, or past a limit).
    "textState" TEXT NOT NULL DEFAULT 'pending',
    -- A PDF's page count, once read.
    "pages" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttachmentContent_pkey" PRIMARY KEY ("id")
);

-- A file's text in passages of a few paragraphs, in order, each with its page (NULL: no pages).
CREATE TABLE "AttachmentPassage" (
    "contentId" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "page" INTEGER,
    "text" TEXT NOT NULL,
    -- Its English lexemes scoped to its conversation, as Message.recall (migration 014): recall finds it by words.
    "recall" TSVECTOR,

    CONSTRAINT "AttachmentPassage_pkey" PRIMARY KEY ("contentId", "ordinal")
);

CREATE TABLE "AttachmentChunk" (
    "contentId" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "AttachmentChunk_pkey" PRIMARY KEY ("contentId", "index")
);

CREATE TABLE "Attachment" (
    "id" UUID NOT NULL,
    -- No foreign key: a new chat's first upload comes before its conversation row.
    "conversationId" UUID NOT NULL,
    "contentId" UUID NOT NULL,
    -- NULL until the message it was uploaded for is sent; then its place among that message's files.
    "messageId" UUID,
    "position" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT NOT NULL,
    -- Who uploaded it (lib/limits/client-address.ts), for the storage quota.
    "client" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex: a conversation's content by hash (stored once); a message's attachments; a client's storage.
CREATE UNIQUE INDEX "AttachmentContent_conversationId_sha256_key" ON "AttachmentContent"("conversationId", "sha256");
CREATE INDEX "Attachment_conversationId_idx" ON "Attachment"("conversationId");
CREATE INDEX "Attachment_messageId_idx" ON "Attachment"("messageId");
CREATE INDEX "Attachment_contentId_idx" ON "Attachment"("contentId");
CREATE INDEX "Attachment_client_idx" ON "Attachment"("client");
CREATE INDEX "AttachmentPassage_recall_idx" ON "AttachmentPassage" USING GIN ("recall");
-- Partial (Prisma cannot declare them): what the sweep and the reader look for, and nothing else.
CREATE INDEX "Attachment_unsent_idx" ON "Attachment"("createdAt") WHERE "messageId" IS NULL;
CREATE INDEX "AttachmentContent_unsealed_idx" ON "AttachmentContent"("createdAt") WHERE "sha256" IS NULL;
CREATE INDEX "AttachmentContent_unread_idx" ON "AttachmentContent"("createdAt") WHERE "textState" = 'pending';

-- AddForeignKey
ALTER TABLE "AttachmentPassage" ADD CONSTRAINT "AttachmentPassage_contentId_fkey" FOREIGN KEY ("contentId") REFERENCES "AttachmentContent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AttachmentChunk" ADD CONSTRAINT "AttachmentChunk_contentId_fkey" FOREIGN KEY ("contentId") REFERENCES "AttachmentContent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_contentId_fkey" FOREIGN KEY ("contentId") REFERENCES "AttachmentContent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
