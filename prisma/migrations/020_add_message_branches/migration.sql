-- Branches: edit a message or regenerate a reply, and the conversation goes on from there while the
-- old version stays (Previous version / Next version). Messages keep their "seq", now the order in
-- which they were stored across every branch; each belongs to one branch, which continues another
-- branch after one of its messages ("forkSeq"). A branch's path is the list of (branch, last seq
-- taken from it), from the root: a message is on the path when its branch is listed and its seq is
-- at most that branch's end. The conversation keeps its current branch's path, so reads filter by
-- it without a join, and a conversation that never branched has the root path {0} / {max int},
-- which every one of its messages satisfies.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "branch" INTEGER NOT NULL DEFAULT 0;
-- Memory as this user message's turn found it: an edit or a regenerate starts again from it.
ALTER TABLE "Message" ADD COLUMN "memoryBefore" JSONB;

-- A vector's message's branch, so the similarity shortlist keeps to the current branch without a join.
-- AlterTable
ALTER TABLE "MessageEmbedding" ADD COLUMN "branch" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "branch" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Conversation" ADD COLUMN "pathBranches" INTEGER[] NOT NULL DEFAULT '{0}';
ALTER TABLE "Conversation" ADD COLUMN "pathEnds" INTEGER[] NOT NULL DEFAULT '{2147483647}';
-- The memory clears made so far ([{"through": last seq then, "scope", "at"}], at most one per scope):
-- memory restored from before a clear has it applied again, so what was forgotten stays forgotten.
ALTER TABLE "Conversation" ADD COLUMN "memoryClears" JSONB NOT NULL DEFAULT '[]';

-- A read-only link shows the branch that was current when it was made, whatever is current later.
-- AlterTable
ALTER TABLE "ShareLink" ADD COLUMN "pathBranches" INTEGER[] NOT NULL DEFAULT '{0}';
ALTER TABLE "ShareLink" ADD COLUMN "pathEnds" INTEGER[] NOT NULL DEFAULT '{2147483647}';

-- CreateTable
CREATE TABLE "Branch" (
    "conversationId" UUID NOT NULL,
    "id" INTEGER NOT NULL,
    "parent" INTEGER NOT NULL,
    "forkSeq" INTEGER NOT NULL,
    "pathBranches" INTEGER[] NOT NULL,
    "pathEnds" INTEGER[] NOT NULL,
    "memoryBuffer" JSONB,
    "activeAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Branch_pkey" PRIMARY KEY ("conversationId","id")
);

-- AddForeignKey
ALTER TABLE "Branch" ADD CONSTRAINT "Branch_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
