import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as events } from "@/app/api/conversations/[id]/events/route";
import { POST as stopRoute } from "@/app/api/conversations/[id]/stop/route";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase();

const stop = (id: string, site: string | null, headers: Record<string, string> = {}) =>
  stopRoute(
    new Request(`http://localhost/api/conversations/${id}/stop`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(site ? { "sec-fetch-site": site } : {}), ...headers },
    }),
    { params: Promise.resolve({ id }) },
  );

describe("writes a browser says come from another site", () => {
  it("are refused: Stop (a no-cors fetch from any page could send it) and a chat turn", async () => {
    const id = randomUUID();
    const refused = await stop(id, "cross-site");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: "CROSS_SITE", message: "Requests from other sites are not accepted." } });

    const turn = await readTurn(await postChat(chatBody(id, "Hello from elsewhere"), { headers: { "sec-fetch-site": "cross-site" } }));
    expect(turn).toMatchObject({ status: 403, error: { code: "CROSS_SITE" } });
    const [{ count }] = await withClient(
      database.url(),
      async (client) => (await client.query(`SELECT count(*)::int AS count FROM "Message" WHERE "conversationId" = $1`, [id])).rows,
    );
    expect(count).toBe(0);
  });

  it("are refused from a sibling site, and by Origin from browsers that send no Fetch Metadata", async () => {
    const refused = [
      await stop(randomUUID(), "same-site"),
      await stop(randomUUID(), null, { origin: "https://evil.example" }),
      await stop(randomUUID(), null, { origin: "null" }),
      await stop(randomUUID(), null, { origin: "http://localhost.evil.example" }),
      // Not behind a trusted proxy (TRUST_PROXY_HOPS 0), X-Forwarded-Host is anyone's to send.
      await stop(randomUUID(), null, { origin: "https://evil.example", "x-forwarded-host": "evil.example" }),
    ];
    expect(refused.map((response) => response.status)).toEqual([403, 403, 403, 403, 403]);
    expect((await stop(randomUUID(), null, { origin: "http://localhost" })).status).toBe(200);
    const turn = await readTurn(await postChat(chatBody(randomUUID(), "Hello"), { headers: { origin: "https://evil.example" } }));
    expect(turn).toMatchObject({ status: 403, error: { code: "CROSS_SITE" } });
  });

  it("reads under a conversation are refused from another site too: a page elsewhere cannot hold a visitor's live views", async () => {
    const id = randomUUID();
    const response = await events(
      new Request(`http://localhost/api/conversations/${id}/events`, { headers: { "sec-fetch-site": "cross-site" } }),
      { params: Promise.resolve({ id }) },
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "CROSS_SITE" } });
  });

  it("must say they are JSON: what a form or a no-cors fetch from elsewhere could send is refused", async () => {
    const id = randomUUID();
    const bodyless = await stopRoute(new Request(`http://localhost/api/conversations/${id}/stop`, { method: "POST" }), {
      params: Promise.resolve({ id }),
    });
    expect(bodyless.status).toBe(415);
    expect(await bodyless.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
    const form = await postChat(JSON.stringify(chatBody(id, "Hello")), { headers: { "content-type": "text/plain" } });
    expect(form.status).toBe(415);
  });

  it("are accepted from the app itself and from clients that are not browsers", async () => {
    for (const site of ["same-origin", "none"]) expect((await stop(randomUUID(), site)).status).toBe(200);
    const turn = await readTurn(await postChat(chatBody(randomUUID(), "Hello"), { headers: { "sec-fetch-site": "same-origin" } }));
    expect(turn.status).toBe(200);
  });
});
