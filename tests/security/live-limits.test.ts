import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";

// Slow replies, so that one is still streaming when the next request comes.
const database = setUpAppDatabase({
  OFFLINE_MODEL_DELAY_MS: "20",
  LIMIT_LIVE_REPLIES_PER_CLIENT: "1",
  LIMIT_LIVE_REPLIES_PER_CONVERSATION: "1",
});

const rows = (sql: string, values: unknown[] = []) => withClient(database.url(), async (client) => (await client.query(sql, values)).rows);
const post = (client: string, id: string) => postChat(chatBody(id, "Tell me something"), { headers: { "x-forwarded-for": client } });

describe("live replies at once", () => {
  it("a client with a reply still streaming gets 429 for another, in any conversation, until it ends", async () => {
    const client = "198.51.100.10";
    const first = await post(client, randomUUID());
    expect(first.status).toBe(200);
    const [streaming] = await rows(`SELECT "client" FROM "Message" WHERE "status" = 'streaming'`);
    expect(streaming.client).toBe(client);

    const refused = await post(client, randomUUID());
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(((await refused.json()) as { error: unknown }).error).toEqual({
      code: "RATE_LIMITED",
      message: "You already have replies being written. Try again in 5 seconds.",
      retryAfter: 5,
    });
    expect((await post("198.51.100.11", randomUUID())).status).toBe(200);

    expect((await readTurn(first)).error).toBeUndefined();
    const again = await post(client, randomUUID());
    expect(again.status).toBe(200);
    await readTurn(again);
  });

  it("keeps who asked only while the reply streams", async () => {
    const id = randomUUID();
    await readTurn(await post("198.51.100.12", id));
    expect(await rows(`SELECT "client" FROM "Message" WHERE "conversationId" = $1`, [id])).toEqual([{ client: null }, { client: null }]);
  });

  it("a conversation with a reply streaming refuses another turn from anyone", async () => {
    const id = randomUUID();
    const first = await post("198.51.100.20", id);
    const refused = await readTurn(await post("198.51.100.21", id));
    expect(refused).toMatchObject({
      status: 429,
      error: { message: "A reply is already being written in this conversation. Try again in 5 seconds." },
    });
    await readTurn(first);
  });
});
