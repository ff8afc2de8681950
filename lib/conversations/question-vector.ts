import "server-only";
import type { EmbeddingHandle } from "../ai/embeddings";

/** A question is embedded from its start: its cost grows with its length, and it runs before the first token. */
export const QUESTION_MAX_CHARS = 1_000;

interface Shared {
  vector: Promise<Float32Array>;
  stop: AbortController;
  waiting: number;
}

/** Questions being embedded now, by model and text: a turn's own recall and its recall from other chats ask for the same one. */
const inFlight = new Map<string, Shared>();

/**
 * The question's vector, within the model's time for questions from when it was first asked for. Callers that ask for the same text at
 * once share one embedding (the encoder takes one request at a time, so a second would double the
 * wait); it is dropped once every one of them has given up (`unneeded`).
 */
export function questionVector(embedder: EmbeddingHandle, text: string, unneeded?: AbortSignal): Promise<Float32Array> {
  const question = text.slice(0, QUESTION_MAX_CHARS);
  const key = `${embedder.key}\n${question}`;
  const entry = inFlight.get(key) ?? startShared(embedder, question, key);
  entry.waiting++;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (--entry.waiting > 0) return;
    entry.stop.abort();
    // A caller that comes after starts again rather than share what was stopped.
    if (inFlight.get(key) === entry) inFlight.delete(key);
  };
  unneeded?.addEventListener("abort", release, { once: true });
  if (unneeded?.aborted) release();
  const mine = entry.vector.finally(() => unneeded?.removeEventListener("abort", release));
  mine.catch(() => undefined);
  return mine;
}

function startShared(embedder: EmbeddingHandle, question: string, key: string): Shared {
  const stop = new AbortController();
  // Timed here, not by each caller: an embedding past its time is forgotten even if the model never answers.
  const vector = withinTime(
    embedder.embed([question], { urgent: true, signal: AbortSignal.any([stop.signal, AbortSignal.timeout(embedder.queryTimeoutMs)]) }),
    embedder.queryTimeoutMs,
  ).then(([first]) => first);
  const entry: Shared = { vector, stop, waiting: 0 };
  inFlight.set(key, entry);
  const forget = () => {
    if (inFlight.get(key) === entry) inFlight.delete(key);
  };
  // It may fail before anyone awaits it: each caller handles its own copy.
  vector.then(forget, forget);
  return entry;
}

/** `work`, or a rejection once `ms` pass: recall never waits longer for meaning, whatever the encoder does. */
export function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`The question's embedding took over ${ms} ms.`), { name: "TimeoutError" })),
      ms,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
