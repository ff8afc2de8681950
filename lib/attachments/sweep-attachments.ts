import "server-only";
import { sweepAttachments } from "../db/queries/attachment-queries";

/** An upload not sent with a message within this time is deleted. */
export const UNSENT_FOR = "1 hour";
/** Deleted per statement, and statements per sweep: a backlog is worked off over a few sweeps. */
const BATCH = 200;
const BATCHES = 10;

/** Deletes uploads never sent, those of deleted conversations, and bytes no attachment names any more. */
export async function sweepUnsentAttachments(olderThan = UNSENT_FOR): Promise<number> {
  let deleted = 0;
  for (let batch = 0; batch < BATCHES; batch++) {
    const gone = await sweepAttachments(olderThan, BATCH);
    deleted += gone;
    if (gone < BATCH) break;
  }
  return deleted;
}
