import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { setUpAppDatabase } from "../support/app-database";
import { chatGptExportFile } from "../support/chatgpt-export-file";
import { BOMBS, bufferBody, errorOf, postImport, type StreamedBody } from "../support/import-streams";
import { watchLoopStalls } from "../support/loop-stalls";

const database = setUpAppDatabase();

const MB = 1_048_576;

/** Sends a body through the route, measuring the event loop's delays and the process's memory meanwhile. */
async function measured(body: StreamedBody) {
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  }, 10);
  const stalls = watchLoopStalls();
  const response = await postImport(body.stream);
  const answeredAt = performance.now();
  // A request that never gave the event loop a turn is recorded when the loop's timer runs again.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const { p99, max } = stalls.stop();
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  const endedAt = body.endedAt();
  return {
    response,
    afterLastByteMs: endedAt === null ? null : answeredAt - endedAt,
    rssGrowthMb: (rssPeak - rssBefore) / MB,
    p99Ms: p99,
    maxMs: max,
  };
}

describe("POST /api/conversations/import against parse bombs", () => {
  for (const [name, bomb] of Object.entries(BOMBS)) {
    it(`refuses 48 MB of ${name} with a typed 4xx at once, in little memory, without holding the event loop`, async () => {
      const body = bomb();
      const { response, afterLastByteMs, rssGrowthMb, p99Ms, maxMs } = await measured(body);
      const error = await errorOf(response);
      console.log(
        `[import-bomb] ${name}: ${JSON.stringify({ ...error, afterLastByteMs, rssGrowthMb, p99Ms, maxMs, read: body.pulled() })}`,
      );
      expect(afterLastByteMs).not.toBeNull();
      expect(afterLastByteMs).toBeLessThanOrEqual(1_000);
      expect(rssGrowthMb).toBeLessThanOrEqual(200);
      // One refusal lasts a few samples of the histogram, so its p99 is its max: the p99 target is
      // measured over seconds of bombs in under-attack.test.ts; here, no stall may pass the max target.
      expect(maxMs).toBeLessThanOrEqual(200);
      expect([413, 422]).toContain(error.status);
      expect(error.code).toMatch(/^(IMPORT_TOO_LARGE|INVALID_IMPORT)$/);
      expect(error.message).toMatch(/deeper than 64 levels|more than [\d,]+ (values|objects and arrays|items)|longer than 64 characters/);
    });
  }

  it("survives both bombs in a process with a 1 GB heap", async () => {
    const child = spawn(
      process.execPath,
      ["--max-old-space-size=1024", "--conditions=react-server", "--import", "tsx", "tests/support/import-bomb-child.ts"],
      { env: { ...process.env, DATABASE_URL: database.url() }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data) => {
      stdout += data;
    });
    child.stderr.on("data", (data) => {
      stderr += data;
    });
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on("close", (...end) => resolve(end)));
    const results = stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { name: string; status: number; afterLastByteMs: number; rssGrowthMb: number });
    console.log(`[import-bomb] child, 1 GB heap: ${JSON.stringify({ code, signal, results })}`);
    expect({ code, signal }, stderr.slice(-2_000)).toEqual({ code: 0, signal: null });
    expect(results.map((result) => result.status)).toEqual([422, 413, 413, 413, 422]);
    for (const result of results) {
      expect(result.afterLastByteMs).toBeLessThanOrEqual(1_000);
      expect(result.rssGrowthMb).toBeLessThanOrEqual(200);
    }
  });

  // Measured and logged (README, Security): the stalls left are the memory replay's, and PostgreSQL's CPU on a small machine.
  it("imports a legitimate 40 MB ChatGPT export", async () => {
    // 200 conversations of 100 messages, replies of about 2,400 characters, and ChatGPT's metadata.
    const file = Buffer.from(chatGptExportFile(200, 100, 2_400));
    expect(file.length).toBeGreaterThan(38 * MB);
    const { response, p99Ms, maxMs } = await measured(bufferBody(file));
    const text = await response.text();
    console.log(
      `[import-bomb] legitimate ${(file.length / MB).toFixed(1)} MB import: ${JSON.stringify({ status: response.status, p99Ms, maxMs })}`,
    );
    expect(response.status, text.slice(0, 500)).toBe(201);
    expect((JSON.parse(text) as { conversations: unknown[] }).conversations).toHaveLength(200);
  });
});
