import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as stopRoute } from "@/app/api/conversations/[id]/stop/route";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase();

const stop = (id: string, site: string) =>
  stopRoute(new Request(`http://localhost/api/conversations/${id}/stop`, { method: "POST", headers: { "sec-fetch-site": site } }), {
    params: Promise.resolve({ id }),
  });

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

  it("are accepted from the app itself and from clients that are not browsers", async () => {
    for (const site of ["same-origin", "none"]) expect((await stop(randomUUID(), site)).status).toBe(200);
    const turn = await readTurn(await postChat(chatBody(randomUUID(), "Hello"), { headers: { "sec-fetch-site": "same-origin" } }));
    expect(turn.status).toBe(200);
  });
});
