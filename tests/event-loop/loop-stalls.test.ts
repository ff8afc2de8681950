import { describe, expect, it } from "vitest";
import { watchLoopStalls } from "../support/loop-stalls";

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("watchLoopStalls, which the event-loop tests measure with", () => {
  it("counts work that holds the event loop in full", async () => {
    const stalls = watchLoopStalls();
    await idle(30);
    // 150 ms of CPU time, however long a busy machine takes to give it.
    const started = process.cpuUsage();
    let spins = 0;
    for (let used = process.cpuUsage(started); used.user + used.system < 150_000; used = process.cpuUsage(started)) spins++;
    await idle(30);
    const { p99, max } = stalls.stop();
    expect(spins).toBeGreaterThan(0);
    expect(max).toBeGreaterThanOrEqual(120);
    expect(max).toBeLessThan(400);
    expect(p99).toBeGreaterThan(0);
  });

  it("does not count time the process spends off the CPU, as when other processes take the cores", async () => {
    const stalls = watchLoopStalls();
    await idle(30);
    // The thread sleeps without running, as a descheduled process does.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
    await idle(30);
    expect(stalls.stop().max).toBeLessThan(50);
  });
});
