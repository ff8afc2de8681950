/** How often the event loop is sampled, as monitorEventLoopDelay's resolution. */
const TICK_MS = 5;

export interface LoopStalls {
  /** Stops sampling: the 99th percentile and the longest of the stalls, in milliseconds. */
  stop(): { p99: number; max: number };
}

/**
 * The event loop's delays as this process's own work caused them. A timer ticks every TICK_MS; each
 * tick's delay is how late it ran, counted only as far as the process spent CPU time meanwhile. Work
 * that holds the loop runs on its CPU, so it is counted in full; time the machine's other processes
 * took the cores (a test suite shares two) is not this process's doing, and monitorEventLoopDelay,
 * which counts it too, made CI fail on a busy machine. The CPU time is the whole process's, GC threads
 * and the thread pool included: that can count more, never less. A synchronous wait would hold the loop
 * unseen; no request's path has one (files are read synchronously only at start-up).
 */
export function watchLoopStalls(): LoopStalls {
  const stalls: number[] = [];
  let wall = performance.now();
  let cpu = process.cpuUsage();
  const timer = setInterval(() => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    const late = now - wall - TICK_MS;
    stalls.push(Math.max(0, Math.min(late, (used.user + used.system) / 1000)));
    wall = now;
    cpu = process.cpuUsage();
  }, TICK_MS);
  return {
    stop() {
      clearInterval(timer);
      const sorted = stalls.sort((a, b) => a - b);
      return { p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0, max: sorted.at(-1) ?? 0 };
    },
  };
}
