import "server-only";
import type { UIMessageChunk } from "ai";
import type { ReplyOutcome } from "./reply-run";
import { type ReplyMetadata, streamErrorText } from "./stream-reply";

/** A reply someone follows: its text so far, how it ended once it has, and word when either changes. */
export interface FollowedReply {
  current(): { text: string; outcome: ReplyOutcome | undefined };
  /** Calls `changed` whenever the text grows or the reply ends, until the returned function is called. */
  watch(changed: () => void): () => void;
}

/** Characters of one text-delta at most: with UTF-8 and JSON's escapes, one socket piece (64 KB). */
const DELTA_CHARS = 16_384;

/** Where a delta from `from` ends: DELTA_CHARS on, but never between the two halves of a surrogate pair. */
function deltaEnd(text: string, from: number): number {
  const end = Math.min(text.length, from + DELTA_CHARS);
  const split = end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800;
  return split ? end - 1 : end;
}

/**
 * A followed reply as a UI message stream that its client pulls: each read takes the text written
 * since the last one (or waits for some), so nothing is queued for a client that does not read: the
 * text waits in the reply, which holds it anyway. Ends with the reply (finish, or its typed error), or
 * quietly when the client leaves.
 */
export function pulledReplyStream(
  id: string,
  metadata: ReplyMetadata,
  reply: FollowedReply,
  signal: AbortSignal,
): ReadableStream<UIMessageChunk> {
  let sent = 0;
  let wake: (() => void) | undefined;
  const woken = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  let unwatch = () => {};
  const leave = () => {
    unwatch();
    woken();
  };
  return new ReadableStream<UIMessageChunk>(
    {
      start(controller) {
        controller.enqueue({ type: "start", messageId: id, messageMetadata: metadata });
        controller.enqueue({ type: "text-start", id });
        unwatch = reply.watch(woken);
        signal.addEventListener("abort", leave, { once: true });
      },
      async pull(controller) {
        for (;;) {
          if (signal.aborted) return controller.close();
          const { text, outcome } = reply.current();
          if (text.length > sent) {
            const end = deltaEnd(text, sent);
            controller.enqueue({ type: "text-delta", id, delta: text.slice(sent, end) });
            sent = end;
            return;
          }
          if (outcome) {
            unwatch();
            if (outcome.ok) {
              controller.enqueue({ type: "text-end", id });
              controller.enqueue({ type: "finish" });
            } else controller.enqueue({ type: "error", errorText: streamErrorText(outcome.error) });
            return controller.close();
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      },
      cancel: leave,
    },
    // Pulled only when the client asks: a delta is never made ahead of it.
    { highWaterMark: 0 },
  );
}
