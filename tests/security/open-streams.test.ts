import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as events } from "@/app/api/conversations/[id]/events/route";
import { openStreamCount } from "@/lib/limits/open-streams";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";

setUpAppDatabase({ LIMIT_OPEN_STREAMS_PER_CLIENT: "2" });

const follow = (id: string, client: string, signal: AbortSignal) =>
  events(new Request(`http://localhost/api/conversations/${id}/events`, { headers: { "x-forwarded-for": client }, signal }), {
    params: Promise.resolve({ id }),
  });

describe("live views a client holds open", () => {
  it("are capped per client; closing one frees its place, and other clients are not affected", async () => {
    const id = randomUUID();
    await sendTurn(id, "Hello");
    const client = "198.51.100.80";
    const tabs = [new AbortController(), new AbortController()];
    const open = await Promise.all(tabs.map((tab) => follow(id, client, tab.signal)));
    expect(open.map((response) => response.status)).toEqual([200, 200]);
    expect(openStreamCount(client)).toBe(2);

    const refused = await follow(id, client, new AbortController().signal);
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
