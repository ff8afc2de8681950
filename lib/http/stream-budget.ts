import "server-only";
import { env } from "../env";
import { closeConnection } from "./open-responses";

// How Next.js 16 sends a route's body (next/dist/server/pipe-readable.js, pipeToNodeResponse):
// `body.pipeTo()` into a WritableStream (high-water mark 1) whose write() calls `res.write(chunk)` and,
// when that returns false, waits for the response's 'drain' (or 'close'). So the body is asked for its
// next chunk only once the socket took the last one: a client that stops reading leaves in this
// process the chunk in Node's socket buffer plus whatever the body queued itself (the kernel holds a
// few MB more). That pending write also holds up an abort or a close of the body, so a stream that
// gives up on its client destroys the response itself (open-responses.ts); erroring the body with an
// AbortError then ends Next.js's pipe without a log (isAbortError).

/** The most a stream may hold for a client that does not read: its queue and the chunks on their way. */
export const STREAM_BUFFER_BYTES = 1_048_576;
/** The largest chunk handed to the socket: Node buffers one at most, and the idle timer sees progress at this grain. */
export const STREAM_PIECE_BYTES = 65_536;

/** Enqueues `bytes` in pieces of at most STREAM_PIECE_BYTES (views of the same memory, not copies). */
export function enqueuePieces(controller: ReadableStreamDefaultController<Uint8Array>, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.byteLength; at += STREAM_PIECE_BYTES) controller.enqueue(bytes.subarray(at, at + STREAM_PIECE_BYTES));
}

/**
 * `stream` handed over one chunk per read, nothing read ahead, and ended when its client has not come
 * back for the next chunk for `idleMs` (from the start, or since the last chunk): the socket stayed
 * full, or nothing reads the body. Then `stream` is cancelled, which lets go of what it holds (a
 * watch, a live-view slot), the body errors with an AbortError, and the connection is closed. While
 * the client waits for a chunk (a quiet conversation), no timer runs.
 */
export function endWhenUnread<T>(stream: ReadableStream<T>, request: Request, idleMs: number = env().STREAM_IDLE_MS): ReadableStream<T> {
  const reader = stream.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (controller: ReadableStreamDefaultController<T>) => {
    timer = setTimeout(() => {
      const idle = new DOMException(`The client read nothing for ${idleMs / 1000} s.`, "AbortError");
      void reader.cancel(idle).catch(() => {});
      try {
        controller.error(idle);
      } catch {
        // already ended
      }
      closeConnection(request);
    }, idleMs);
    timer.unref();
  };
  return new ReadableStream<T>(
    {
      start: arm,
      async pull(controller) {
        clearTimeout(timer);
        const { done, value } = await reader.read();
        if (done) return controller.close();
        controller.enqueue(value);
        arm(controller);
      },
      cancel(reason) {
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** `response` with its body ended when the client of `request` stops reading (endWhenUnread). */
export function endWhenUnreadResponse(response: Response, request: Request): Response {
  return response.body ? new Response(endWhenUnread(response.body, request), response) : response;
}
