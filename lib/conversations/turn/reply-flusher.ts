import "server-only";
import { appendReplyTexts, type ReplyFlush } from "../../db/queries/message-queries";
import { instanceId } from "./instance-id";

/** A reply this instance generates, as the flusher sees it. */
export interface FlushSource {
  /** What to write at this tick (new text, or a sign of life), or null for nothing. */
  takeFlush(now: number): ReplyFlush | null;
  /** `flush` was written; `streaming` is false once the reply was stopped (on any instance). */
  flushed(flush: ReplyFlush, streaming: boolean): void;
}

/** How often streaming replies' text is written. */
const FLUSH_MS = 250;

interface Flusher {
  sources: Set<FlushSource>;
  timer?: NodeJS.Timeout;
  writing?: Promise<void>;
  /** A tick came while the previous one was still writing: it runs as soon as that one ends. */
  missed: boolean;
}

// On globalThis, like the runs themselves: one flusher per process, whichever bundle reaches it.
const shared = globalThis as unknown as { memoryChatFlusher?: Flusher };
shared.memoryChatFlusher ??= { sources: new Set(), missed: false };
const flusher = shared.memoryChatFlusher;

/**
 * Every FLUSH_MS, one statement writes what every streaming reply of this instance has new, and
 * announces it once: the database pays one statement per tick, however many replies stream. If a
 * write fails, nothing is lost: each reply still holds its text and offers it again at the next tick.
 */
function tick(): void {
  if (flusher.writing) {
    flusher.missed = true;
    return;
  }
  const now = Date.now();
  const batch: [FlushSource, ReplyFlush][] = [];
  for (const source of flusher.sources) {
    const flush = source.takeFlush(now);
    if (flush) batch.push([source, flush]);
  }
  if (batch.length === 0) return;
  flusher.writing = appendReplyTexts(
    instanceId(),
    batch.map(([, flush]) => flush),
  )
    .then(
      (streaming) => {
        for (const [source, flush] of batch) source.flushed(flush, streaming.has(flush.id));
      },
      (error: unknown) => {
        console.warn(
          `[chat] Could not save ${batch.length} replies so far (kept in memory; retried at the next tick, saved at the end): ${String(error)}`,
        );
      },
    )
    .finally(() => {
      flusher.writing = undefined;
      if (flusher.missed) {
        flusher.missed = false;
        tick();
      }
    });
}

/** Flushes `source` at every tick until the returned function is called. */
export function flushEveryTick(source: FlushSource): () => void {
  flusher.sources.add(source);
  flusher.timer ??= setInterval(tick, FLUSH_MS);
  return () => {
    flusher.sources.delete(source);
    if (flusher.sources.size === 0) {
      clearInterval(flusher.timer);
      flusher.timer = undefined;
    }
  };
}

/** Resolves when the tick being written, if any, is done: a reply's end is stored after its last flush. */
export const flushInProgress = (): Promise<void> => flusher.writing ?? Promise.resolve();
