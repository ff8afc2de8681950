-- Abuse limits shared by every instance (lib/limits): one row per limited key ("turns:client:<address>",
-- "tokens:all", ...), kept as a generic cell rate algorithm. "emptyAt" is when everything the key has
-- used is refilled: a request costing c is allowed while max("emptyAt", now) + c stays within the
-- limit's period of now. A row whose "emptyAt" has passed means nothing and may be deleted at any time.

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "emptyAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- AlterTable: who asked for a reply, only while it streams (cleared with "generator"), for the limit on
-- live replies per client.
ALTER TABLE "Message" ADD COLUMN "client" TEXT;
