-- Memory across chats (docs/memory.md): what the user says about themselves in one of their
-- conversations is known in the others. A browser keeps the id of its memory in localStorage, beside
-- its conversation ids; a conversation it starts or imports carries that id and feeds that memory.
-- NULL: a temporary chat, one started with memory across chats off, or one from before this migration.
ALTER TABLE "Conversation" ADD COLUMN "memoryId" UUID;

-- Conversations from before this migration have no owner yet: a browser that holds one may adopt it,
-- once. Existing rows get true; new ones false (no rewrite: a constant default is kept in the catalog).
ALTER TABLE "Conversation" ADD COLUMN "adoptable" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Conversation" ALTER COLUMN "adoptable" SET DEFAULT false;

-- Another browser's memory has written in the conversation (someone else holds its link): its
-- owner's memory across chats is then kept out of it, so that replies there never show it.
ALTER TABLE "Conversation" ADD COLUMN "othersWrote" BOOLEAN NOT NULL DEFAULT false;

-- A temporary chat is deleted after this time, unless it is kept.
ALTER TABLE "Conversation" ADD COLUMN "expiresAt" TIMESTAMPTZ(3);

-- A user message said with memory across chats off, or by someone other than its conversation's
-- owner, teaches its conversation only.
ALTER TABLE "Message" ADD COLUMN "feedsMemory" BOOLEAN NOT NULL DEFAULT true;

-- What the user changed by hand on the Memory page: items added or edited, items forgotten.
CREATE TABLE "SavedMemory" (
    "id" UUID NOT NULL,
    "edits" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedMemory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex: a memory's conversations, most recently used first; temporary chats past their time.
CREATE INDEX "Conversation_memoryId_updatedAt_idx" ON "Conversation"("memoryId", "updatedAt");
CREATE INDEX "Conversation_expiresAt_idx" ON "Conversation"("expiresAt");
