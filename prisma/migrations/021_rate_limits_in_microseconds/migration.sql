-- "RateLimit"."emptyAt" in microseconds, as statement_timestamp() gives it. At milliseconds, storing
-- rounded a key's moment up by as much as half a millisecond, so a request at exactly its limit that
-- came within that half millisecond of the one before was refused, and a step of a fraction of a
-- millisecond counted as a whole one or none. A wider precision of the same type rewrites nothing.

-- AlterTable
ALTER TABLE "RateLimit" ALTER COLUMN "emptyAt" SET DATA TYPE TIMESTAMPTZ(6);
