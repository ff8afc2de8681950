import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { GET as events } from "@/app/api/conversations/[id]/events/route";
import { POST as importRoute } from "@/app/api/conversations/import/route";
import { pool } from "@/lib/db/client";
import { openStreamCount } from "@/lib/limits/open-streams";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";

setUpAppDatabase({ LIMIT_OPEN_STREAMS_PER_CLIENT: "2" });

const follow = (id: string, client: string, signal: AbortSignal) =>
  events(new Request(`http://localhost/api/conversations/${id}/events`, { headers: { "x-forwarded-for": client }, signal }), {
    params: Promise.resolve({ id }),
  });

/** The stream's text until `done` says it has enough, or 10 s pass; then for `moreMs` more, in case more comes. */
async function readUntil(body: ReadableStream<Uint8Array>, done: (text: string) => boolean, moreMs = 0): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let deadline = Date.now() + 10_000;
  let lingering = false;
  while (Date.now() < deadline) {
    if (!lingering && done(text)) {
      lingering = true;
      deadline = Date.now() + moreMs;
      continue;
    }
    const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(resolve, deadline - Date.now(), null))]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader.cancel();
  return text;
}

describe("live views a client holds open", () => {
  it("start with at most 500,000 characters of what the tab has not seen, and tell a tab further behind to reload instead", async () => {
    // Twelve imported messages of 50,000 characters: 600,000 in all.
    const messages = Array.from({ length: 12 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: `${i} `.padEnd(50_000, "x") }));
    const imported = await importRoute(
      new Request("http://localhost/api/conversations/import", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "Long", messages }),
      }),
    );
    expect(imported.status).toBe(201);
    const { conversations } = (await imported.json()) as { conversations: { id: string }[] };
    const id = conversations[0].id;

    // Its latest page is what it shows then: part of what it missed would leave a gap before that page.
    const stream = await follow(id, "198.51.100.90", new AbortController().signal);
    const text = await readUntil(stream.body!, (read) => read.includes("event: resync"), 1_000);
    expect(text).toContain("event: resync");
    expect(text).not.toContain('data: {"message"');

    // A tab that has seen all but the last two gets them, and no reload.
    const near = await events(
      new Request(`http://localhost/api/conversations/${id}/events?after=10`, { headers: { "x-forwarded-for": "198.51.100.90" } }),
      {
        params: Promise.resolve({ id }),
      },
    );
    const nearText = await readUntil(near.body!, (read) => (read.match(/^data: \{"message"/gm) ?? []).length >= 2);
    expect(nearText).not.toContain("event: resync");
    expect((nearText.match(/^data: \{"message"/gm) ?? []).length).toBe(2);
  });

  it("are capped per client; closing one frees its place, and other clients are not affected", async () => {
    const id = randomUUID();
    await sendTurn(id, "Hello");
    const client = "198.51.100.80";
    const tabs = [new AbortController(), new AbortController()];
    const open = await Promise.all(tabs.map((tab) => follow(id, client, tab.signal)));
    expect(open.map((response) => response.status)).toEqual([200, 200]);
    expect(openStreamCount(client)).toBe(2);

    // Refused before any work: the stream reads nothing from the database.
    const query = vi.spyOn(pool(), "query");
    const refused = await follow(id, client, new AbortController().signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const reads = query.mock.calls.filter(([config]) => (config as { name?: string }).name === "select_unseen_message_ids").length;
    query.mockRestore();
    expect(reads).toBe(0);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    expect((await follow(id, "198.51.100.81", new AbortController().signal)).status).toBe(200);

    tabs[0].abort();
    await expect.poll(() => openStreamCount(client)).toBe(1);
    const again = new AbortController();
    expect((await follow(id, client, again.signal)).status).toBe(200);

    // A reader that cancels (a closed tab, seen from the stream's side) frees its place too.
    await open[1].body!.cancel();
    again.abort();
    await expect.poll(() => openStreamCount(client)).toBe(0);
  });

  it("count an IPv6 client against its /48 too, at 16 clients' worth, so that its 65,536 /64s share 32 places", async () => {
    const id = randomUUID();
    await sendTurn(id, "Hello");
    const tabs: AbortController[] = [];
    const openFrom = async (client: string) => {
      const tab = new AbortController();
      tabs.push(tab);
      return follow(id, client, tab.signal);
    };
    for (let i = 0; i < 16; i++) {
      for (const response of [await openFrom(`2001:db8:7:${i.toString(16)}::1`), await openFrom(`2001:db8:7:${i.toString(16)}::2`)])
        expect(response.status).toBe(200);
    }
    expect(openStreamCount("2001:db8:7::/48")).toBe(32);
    const refused = await openFrom("2001:db8:7:ff::1");
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^Your network has too many live views open/);
    expect(openStreamCount("2001:db8:7:ff::/64")).toBe(0);
    expect((await openFrom("2001:db8:8:1::1")).status).toBe(200);

    for (const tab of tabs) tab.abort();
    await expect.poll(() => openStreamCount("2001:db8:7::/48")).toBe(0);
    expect(openStreamCount("2001:db8:7:0::/64")).toBe(0);
  });
});
