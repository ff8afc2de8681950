import "server-only";
import { embedUnembeddedPassages } from "../attachments/embed-passages";
import { readUnreadAttachments } from "../attachments/read-attachment-text";
import { sweepUnsentAttachments } from "../attachments/sweep-attachments";
import { deleteExpiredConversations } from "../db/queries/conversation-queries";
import { removeAbandonedArchives } from "./import/receive-archive";

/** How often each instance deletes temporary chats past their time. */
const SWEEP_EVERY_MS = 10 * 60_000;
/** Deleted per statement, and statements per sweep: a backlog is worked off over a few sweeps. */
const BATCH = 100;
const BATCHES = 10;

/** Deletes temporary chats past their time (24 hours after they started, unless kept), a bounded batch at a time. */
export async function sweepExpiredConversations(): Promise<number> {
  let deleted = 0;
  for (let batch = 0; batch < BATCHES; batch++) {
    const gone = await deleteExpiredConversations(BATCH);
    deleted += gone;
    if (gone < BATCH) break;
  }
  return deleted;
}

/** Every little while (instrumentation.ts), this instance sweeps expired temporary chats, and uploads never sent. */
export function sweepTemporaryChats(everyMs = SWEEP_EVERY_MS): void {
  const sweep = () => {
    void sweepExpiredConversations().catch((error: unknown) =>
      console.warn(`[chat] Could not delete expired temporary chats: ${String(error)}`),
    );
    void sweepUnsentAttachments().catch((error: unknown) => console.warn(`[chat] Could not delete unsent attachments: ${String(error)}`));
    void readUnreadAttachments().catch((error: unknown) => console.warn(`[chat] Could not read attached files: ${String(error)}`));
    void embedUnembeddedPassages().catch((error: unknown) => console.warn(`[chat] Could not embed attached documents: ${String(error)}`));
    void removeAbandonedArchives().catch((error: unknown) =>
      console.warn(`[chat] Could not remove abandoned zip imports: ${String(error)}`),
    );
  };
  sweep();
  setInterval(sweep, everyMs).unref();
}
