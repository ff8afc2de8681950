import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as followRoute } from "@/app/api/chat/[id]/stream/route";
import { GET as eventsRoute } from "@/app/api/conversations/[id]/events/route";
import { GET as exportRoute } from "@/app/api/conversations/[id]/export/route";
import { POST as stopRoute } from "@/app/api/conversations/[id]/stop/route";
import { openStreamCount } from "@/lib/limits/open-streams";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";

// Export, Stop and opening a live view, each from one client and over everyone. Clients are in
// different /24s, so no two share a network's allowance.
setUpAppDatabase({
  LIMIT_EXPORTS_PER_MINUTE_PER_CLIENT: "2",
  LIMIT_EXPORTS_PER_MINUTE: "4",
  LIMIT_STOPS_PER_MINUTE_PER_CLIENT: "2",
  LIMIT_LIVE_VIEWS_PER_MINUTE_PER_CLIENT: "2",
});

const context = (id: string) => ({ params: Promise.resolve({ id }) });
const from = (client: string, init: RequestInit = {}) => ({ ...init, headers: { "x-forwarded-for": client, ...init.headers } });
const exportAs = (client: string, id: string) =>
  exportRoute(new Request(`http://localhost/api/conversations/${id}/export`, from(client)), context(id));
const stopAs = (client: string, id: string) =>
  stopRoute(
    new Request(
      `http://localhost/api/conversations/${id}/stop`,
      from(client, { method: "POST", headers: { "content-type": "application/json" } }),
    ),
    context(id),
  );
const followAs = (client: string, id: string) =>
  followRoute(new Request(`http://localhost/api/chat/${id}/stream`, from(client)), context(id));
const eventsAs = (client: string, id: string, signal?: AbortSignal) =>
  eventsRoute(new Request(`http://localhost/api/conversations/${id}/events`, from(client, { signal })), context(id));

/** A refusal: 429 RATE_LIMITED, with Retry-After and the limit in words. */
async function expectRefused(response: Response, words: string) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  const { error } = (await response.json()) as { error: { code: string; message: string; retryAfter: number } };
  expect(error.code).toBe("RATE_LIMITED");
  expect(error.retryAfter).toBe(retryAfter);
  expect(error.message).toMatch(new RegExp(`^${words.replaceAll(".", "\\.")} Try again in \\d+ (seconds?|minutes)\\.$`));
}

describe("exports", () => {
  it("are limited per client, and over everyone", async () => {
    const id = randomUUID();
    await sendTurn(id, "Export me");
    for (let i = 0; i < 2; i++) {
      const response = await exportAs("198.51.100.50", id);
      expect(response.status).toBe(200);
      await response.text();
    }
    await expectRefused(await exportAs("198.51.100.50", id), "You are exporting conversations too often.");
    for (let i = 0; i < 2; i++) expect((await exportAs("203.0.113.50", id)).status).toBe(200);
    // Four exports a minute over everyone: a third client is refused although it exported nothing.
    await expectRefused(await exportAs("192.0.2.50", id), "Too many conversations are being exported right now.");
  });
});

describe("Stop", () => {
  it("is limited per client: the refused one stops nothing, and another client is not affected", async () => {
    const id = randomUUID();
    for (let i = 0; i < 2; i++) expect((await stopAs("198.51.100.60", id)).status).toBe(200);
    await expectRefused(await stopAs("198.51.100.60", id), "You are stopping replies too often.");
    expect((await stopAs("203.0.113.60", id)).status).toBe(200);
  });
});

describe("live views opened", () => {
  it("count a followed reply and an events stream alike per client; a refused events stream keeps no place open", async () => {
    const id = randomUUID();
    const client = "198.51.100.70";
    // Nothing is being written: each answers 204, and still counts.
    for (let i = 0; i < 2; i++) expect((await followAs(client, id)).status).toBe(204);
    await expectRefused(await followAs(client, id), "You are opening live views too often.");
    await expectRefused(await eventsAs(client, id), "You are opening live views too often.");
    expect(openStreamCount(client)).toBe(0);

    const other = new AbortController();
    const open = await eventsAs("203.0.113.70", id, other.signal);
    expect(open.status).toBe(200);
    other.abort();
  });
});
