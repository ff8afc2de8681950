import "server-only";
import type { UIMessageChunk } from "ai";
import { type FollowedMessageRow, interruptStaleReplies, type MessageRow, selectStreamingReply } from "../../db/queries/message-queries";
import { AppError } from "../../errors";
import { readForFollower, watchConversation } from "../live-feed";
import { STALE_MS } from "./instance";
import { type FollowedReply, pulledReplyStream } from "./pulled-reply";
import { localRun, type ReplyOutcome, type ReplyRun } from "./reply-run";

/** How a stored reply ended, from its status; undefined while it streams. */
function storedOutcome(status: MessageRow["status"]): ReplyOutcome | undefined {
  if (status === "streaming") return undefined;
  if (status === "failed") return { ok: false, error: new AppError("MODEL_UNAVAILABLE") };
  if (status === "interrupted") return { ok: false, error: new AppError("REPLY_INTERRUPTED") };
  return { ok: true };
}

/** A reply this instance generates: its text is the run's own. */
function followRun(run: ReplyRun): FollowedReply {
  let outcome: ReplyOutcome | undefined;
  return {
    current: () => ({ text: run.text, outcome }),
    watch: (changed) =>
      run.listen({
        delta: changed,
        end(ended) {
          outcome = ended;
          changed();
        },
      }),
  };
}

/** A reply another instance generates, followed through the database with everyone else on this instance. */
function followStoredReply(conversationId: string, reply: MessageRow): FollowedReply {
  let latest: MessageRow = reply;
  return {
    current: () => ({ text: latest.content, outcome: storedOutcome(latest.status) }),
    watch(changed) {
      const listener = {
        changed: (rows: FollowedMessageRow[]) => {
          for (const row of rows) {
            if (row.id !== reply.id) continue;
            latest = row;
            changed();
          }
        },
      };
      const unwatch = watchConversation(conversationId, listener);
      // Read again once watching: a change between the first read and the watch is not missed.
      readForFollower(conversationId, listener, [reply.id]);
      return unwatch;
    },
  };
}

/**
 * The conversation's reply still being generated, as a UI message stream from its first character,
 * so a reloaded page shows the text so far and then continues live; null when there is none. The
 * client pulls it at its own pace (pulled-reply.ts).
 */
export async function followLatestReply(conversationId: string, signal: AbortSignal): Promise<ReadableStream<UIMessageChunk> | null> {
  await interruptStaleReplies(conversationId, STALE_MS / 1000);
  const reply = await selectStreamingReply(conversationId);
  if (!reply) return null;
  const run = localRun(reply.id);
  const followed = run ? followRun(run) : followStoredReply(conversationId, reply);
  return pulledReplyStream(reply.id, { conversationId }, followed, signal);
}
