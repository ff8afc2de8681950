import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/conversations/import/route";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";
import { type OpenAIStub, startOpenAIStub } from "../support/openai-stub";

// A turn counts its most: the whole prompt's 3,000 (MEMORY_PROMPT_TOKENS) and 1,024 of reply (4,024
// here). Side calls may use the budget up to 90%, 5,760.
const database = setUpAppDatabase({ LIMIT_TOKENS_PER_DAY_PER_CLIENT: "6400", OPENAI_MAX_OUTPUT_TOKENS: "1024" });
let stub: OpenAIStub;
beforeAll(async () => {
  stub = await startOpenAIStub();
  process.env.OPENAI_BASE_URL = stub.url;
});
afterAll(() => stub.close());

const rows = (sql: string, values: unknown[] = []) => withClient(database.url(), async (client) => (await client.query(sql, values)).rows);
const kindOf = (body: Record<string, unknown>) =>
  body.stream ? "reply" : body.response_format || body.tools ? "extraction" : "title or summary";

describe("the daily token budget, with a real model", () => {
  it("counts a turn at its most; a side call is made while the budget has room and skipped once it runs low; then turns are refused", async () => {
    const id = randomUUID();
    const text = "My name is Ada and I live in Paris.";
    const first = await readTurn(await postChat(chatBody(id, text), { headers: { "x-forwarded-for": "192.0.2.9" } }));
    expect(first.error).toBeUndefined();
    await settleAfterTurn();
    // The reply and the extraction went to the model, in either order (they run at once); the title
    // would have passed 90% of the budget.
    expect(stub.requests.map((request) => kindOf(request.body)).sort()).toEqual(["extraction", "reply"]);
    expect(stub.requests.every((request) => request.body.max_tokens === 1024)).toBe(true);
    expect((await rows(`SELECT "title" FROM "Conversation" WHERE "id" = $1`, [id]))[0].title).toBe(text);

    const refused = await postChat(chatBody(id, "And another thing"), { headers: { "x-forwarded-for": "192.0.2.9" } });
    expect(refused.status).toBe(429);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^You have used today's share of the model\. Try again in \d+ hours\.$/),
    });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3_600);
    expect(stub.requests).toHaveLength(2);

    // Another client has its own budget.
    expect(
      (await readTurn(await postChat(chatBody(randomUUID(), "Hi"), { headers: { "x-forwarded-for": "192.0.2.10" } }))).error,
    ).toBeUndefined();
  });

  it("counts a prompt larger than its turn was charged for (a long last reply rides in the window) before the model is asked", async () => {
    const client = "192.0.2.44";
    const transcript = {
      messages: [
        { role: "user", content: "Tell me everything." },
        { role: "assistant", content: "word ".repeat(8_000) },
      ],
    };
    const imported = await importRoute(
      new Request("http://localhost/api/conversations/import", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": client },
        body: JSON.stringify(transcript),
      }),
    );
    const id = ((await imported.json()) as { conversations: { id: string }[] }).conversations[0].id;
    const before = stub.requests.length;
    // Charged 4,024 up front; the window's copy of that reply makes the prompt some 6,500 tokens more than 3,000.
    const turn = await readTurn(await postChat(chatBody(id, "Summarize it."), { headers: { "x-forwarded-for": client } }));
    expect(turn.error).toMatchObject({ code: "RATE_LIMITED" });
    expect(stub.requests.slice(before).filter((request) => kindOf(request.body) === "reply")).toEqual([]);
  });
});
