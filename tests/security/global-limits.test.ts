import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";

// A limit over everyone, as a flood from many addresses meets it: turns per minute at 8, kept in 2
// rows of 4 (lib/limits/limit-rules.ts). Every other limit is off (vitest.config.ts).
setUpAppDatabase({ LIMIT_TURNS_PER_MINUTE: "8" });

const turn = async (client: string, id: string) =>
  readTurn(await postChat(chatBody(id, "Hello"), { headers: { "x-forwarded-for": client } }));

describe("limits over everyone", () => {
  it("refuse turns from any client once everyone together reached them, saying so", async () => {
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await turn(`203.0.113.${i + 1}`, randomUUID()));
    const allowed = results.filter((result) => result.status === 200);
    // Each row allows its share; nothing refills meanwhile (one turn every 15 s per row).
    expect(allowed.length).toBeLessThanOrEqual(8);
    expect(allowed.length).toBeGreaterThanOrEqual(4);
    for (const refused of results.filter((result) => result.status !== 200)) {
      expect(refused).toMatchObject({
        status: 429,
        error: { code: "RATE_LIMITED", message: expect.stringMatching(/^The app is receiving too many messages right now\./) },
      });
    }
  });
});
