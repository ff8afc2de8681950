import "server-only";
import { pool } from "../db/client";
import { instanceId, STALE_MS } from "./instance";

/** Replies left "streaming" by an instance that died are marked interrupted; their text so far stays. */
export async function markInterrupted(conversationId: string): Promise<void> {
  await pool().query(
    `UPDATE "Message" SET "status" = 'interrupted', "generator" = NULL
     WHERE "conversationId" = $1::uuid AND "status" = 'streaming'
       AND "updatedAt" < CURRENT_TIMESTAMP - make_interval(secs => $2)`,
    [conversationId, STALE_MS / 1000],
  );
}

/** At start-up: this instance's own unfinished replies are interrupted now, anyone's stale ones too. */
export async function recoverInterrupted(): Promise<number> {
  const { rowCount } = await pool().query(
    `UPDATE "Message" SET "status" = 'interrupted', "generator" = NULL
     WHERE "status" = 'streaming'
       AND ("generator" = $1 OR "updatedAt" < CURRENT_TIMESTAMP - make_interval(secs => $2))`,
    [instanceId(), STALE_MS / 1000],
  );
  return rowCount ?? 0;
}
