-- Tombstones: the id of every deleted conversation, so that a message sent from another tab or device
-- that still has it open gets 410 DELETED instead of silently starting the conversation again under
-- the same id. Only the id and when: nothing of the conversation is kept.

-- CreateTable
CREATE TABLE "DeletedConversation" (
    "id" UUID NOT NULL,
    "deletedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeletedConversation_pkey" PRIMARY KEY ("id")
);
