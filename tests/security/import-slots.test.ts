import { afterEach, describe, expect, it } from "vitest";
import { withImportSlot } from "@/lib/limits/import-slots";
import { setUpAppDatabase } from "../support/app-database";
import { errorOf, postImport, tricklingBody } from "../support/import-streams";

// Imports are limited to 3 an hour per client here, so that a spent budget shows.
setUpAppDatabase({ LIMIT_IMPORTS_PER_HOUR_PER_CLIENT: "3", LIMIT_IMPORTS_PER_HOUR: "1000" });

const transcript = JSON.stringify({ messages: [{ role: "user", content: "Hello from a small file." }] });

/** Uploads that a test leaves hanging are abandoned by their clients at its end. */
let hanging = new AbortController();
afterEach(() => {
  hanging.abort();
  hanging = new AbortController();
});

/** Two uploads that declare 1 MB and send a byte every 5 s, as the red team's did. */
function slowUploads(clients: string[]) {
  return clients.map((client) => {
    const body = tricklingBody(5_000, hanging.signal);
    const started = performance.now();
    const answered = postImport(body.stream, client, { "content-length": String(1_048_576) }).then(async (response) => ({
      ...(await errorOf(response)),
      afterMs: performance.now() - started,
    }));
    return { body, answered };
  });
}

describe("import slots and uploads in flight", () => {
  it("cuts uploads slower than the minimum rate, and does not let them hold the slots meanwhile", async () => {
    const slow = slowUploads(["198.51.100.7", "203.0.113.7"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The slow uploads hold no slot: a third import runs at once.
    const fast = await postImport(transcript, "192.0.2.7");
    expect(fast.status, await fast.clone().text()).toBe(201);

    for (const { answered } of slow) {
      const error = await answered;
      console.log(`[import-slots] slow upload: ${JSON.stringify(error)}`);
      expect(error).toMatchObject({ status: 408, code: "UPLOAD_TOO_SLOW" });
      expect(error.message).toMatch(/of the file arrived in 10 s; this server needs 16 KB a second/);
      // Cut once the first 10 s are over, not minutes later.
      expect(error.afterMs).toBeGreaterThanOrEqual(9_900);
      expect(error.afterMs).toBeLessThan(12_000);
    }
  }, 30_000);

  it("gives back the budget of an import refused as BUSY", async () => {
    const client = "198.51.100.8";
    let finish = () => {};
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    // Both slots taken by imports at work.
    const working = [withImportSlot(() => held), withImportSlot(() => held)];
    for (let i = 0; i < 5; i++) {
      const error = await errorOf(await postImport(transcript, client));
      expect(error, `refusal ${i + 1}`).toMatchObject({ status: 503, code: "BUSY" });
    }
    finish();
    await Promise.all(working);
    // Five BUSY refusals spent nothing: the client's 3 imports an hour are all there.
    for (let i = 0; i < 3; i++) expect((await postImport(transcript, client)).status, `import ${i + 1}`).toBe(201);
    expect(await errorOf(await postImport(transcript, client))).toMatchObject({ status: 429, code: "RATE_LIMITED" });
  });

  it("refuses a client's third upload at once, before reading it", async () => {
    const slow = slowUploads(["198.51.100.9", "198.51.100.9"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = tricklingBody(5_000, hanging.signal);
    const error = await errorOf(await postImport(third.stream, "198.51.100.9"));
    expect(error).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(error.message).toMatch(/sending 2 files already/);
    expect(third.pulled()).toBe(0);
    hanging.abort();
    for (const { answered } of slow) expect((await answered).status).toBe(400);
  });

  it("lets one network's uploads hold at most one largest file of the instance", async () => {
    const first = postImport(tricklingBody(5_000, hanging.signal).stream, "203.0.113.20");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = tricklingBody(5_000, hanging.signal);
    const error = await errorOf(await postImport(second.stream, "203.0.113.21"));
    expect(error).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(error.message).toMatch(/Your network is sending too much data/);
    expect(second.pulled()).toBe(0);
    // Another network is not held back by it.
    const other = postImport(tricklingBody(5_000, hanging.signal).stream, "198.51.100.20");
    await new Promise((resolve) => setTimeout(resolve, 200));
    hanging.abort();
    expect((await first).status).toBe(400);
    expect((await other).status).toBe(400);
  });

  it("refuses uploads over what the instance may hold at once, before reading them", async () => {
    // Without a Content-Length, an upload may hold the largest file (50 MB): four of them fill the 200 MB.
    const uploads = ["198.51.100.10", "203.0.113.10", "192.0.2.10", "198.18.0.10"].map((client) => {
      const body = tricklingBody(5_000, hanging.signal);
      return postImport(body.stream, client);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const fifth = tricklingBody(5_000, hanging.signal);
    const error = await errorOf(await postImport(fifth.stream, "198.18.100.10"));
    expect(error).toMatchObject({ status: 503, code: "BUSY" });
    expect(error.message).toMatch(/Too many files are being sent/);
    expect(fifth.pulled()).toBe(0);
    // A small file says so (Content-Length) and still comes in: slow uploads cannot keep everyday imports out.
    const small = await postImport(transcript, "198.18.100.10", { "content-length": String(Buffer.byteLength(transcript)) });
    expect(small.status, await small.clone().text()).toBe(201);
    hanging.abort();
    await Promise.all(uploads);
    // Once they are gone, the instance takes uploads again.
    expect((await postImport(transcript, "198.18.100.10")).status).toBe(201);
  });

  it("counts zips on their way (on disk) apart from JSON bodies (in memory): a large slow zip keeps no JSON import out", async () => {
    // A zip declaring 250 MB, trickling in from one network: under its own room, and not the JSON bodies'.
    const zip = tricklingBody(5_000, hanging.signal);
    const slowZip = postImport(zip.stream, "198.51.100.77", {
      "content-type": "application/zip",
      "content-length": String(250 * 1_048_576),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const uploads = ["203.0.113.77", "192.0.2.77", "198.18.0.77"].map((client) =>
      postImport(tricklingBody(5_000, hanging.signal).stream, client),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Three JSON bodies of up to 50 MB hold 150 MB of the 200: a fourth still fits, the zip notwithstanding.
    const padded = transcript + " ".repeat(2 * 1_048_576 - Buffer.byteLength(transcript));
    const fourth = await postImport(padded, "198.18.200.77", { "content-length": String(Buffer.byteLength(padded)) });
    expect(fourth.status, await fourth.clone().text()).toBe(201);
    hanging.abort();
    await Promise.all([slowZip, ...uploads]);
  });
});
