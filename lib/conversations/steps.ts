import { setImmediate } from "node:timers/promises";

/** Work that may take a while, with a `yield` wherever other requests may have a turn. */
export type Steps<T> = Generator<void, T, void>;

/** How long work may keep the event loop before other requests get a turn. */
const STEP_MS = 10;

/** A pause to call often: it gives other requests a turn (I/O included) once STEP_MS have passed since the last. */
export function pauser(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < STEP_MS) return;
    await setImmediate();
    since = performance.now();
  };
}

/** Runs steps at once: for callers with small inputs (tests, benchmarks). */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs steps, giving other requests a turn between them. */
export async function runInSteps<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pause();
  }
}
