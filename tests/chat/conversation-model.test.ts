import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseModel, getConversation } from "@/app/actions/conversations";
import { offeredModels } from "@/lib/ai/offered-models";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";
import { type OpenAIStub, startOpenAIStub } from "../support/openai-stub";

// A real ChatOpenAI against the stub, whose /models lists stub-large, stub-small and an embedding model.
const database = setUpAppDatabase({
  OPENAI_MAX_RETRIES: "0",
  OPENAI_TIMEOUT_MS: "2000",
  OPENAI_MODEL: "stub-default",
  MEMORY_WINDOW_TOKENS: "200",
});
let stub: OpenAIStub;
beforeAll(async () => {
  stub = await startOpenAIStub(0, 0);
  process.env.OPENAI_BASE_URL = stub.url;
});
afterAll(() => stub.close());

const storedModel = async (id: string) =>
  withClient(
    database.url(),
    async (client) => (await client.query(`SELECT "model" FROM "Conversation" WHERE "id" = $1`, [id])).rows[0]?.model,
  );
const turn = async (id: string, text: string, model?: string) =>
  readTurn(await postChat({ ...chatBody(id, text), ...(model && { model }) }));
/** The models the stub was asked for since `from`, by kind of call. */
const askedFor = (from: number) =>
  stub.requests.slice(from).map(({ body }) => ({
    model: body.model,
    kind: body.stream ? "reply" : body.response_format || body.tools ? "extraction" : body.input ? "embedding" : "summary or title",
  }));

describe("a model per conversation", () => {
  it("offers the default first, then the endpoint's chat models", async () => {
    expect(await offeredModels()).toEqual(["stub-default", "stub-large", "stub-small"]);
  });

  it("uses the model chosen with a turn for that turn, its extraction, summaries and title, and for later turns", async () => {
    const id = randomUUID();
    const from = stub.requests.length;
    expect((await turn(id, "My name is Ada and I like long walks by the sea.", "stub-small")).status).toBe(200);
    expect(await storedModel(id)).toBe("stub-small");
    for (let i = 0; i < 6; i++)
      expect((await turn(id, `Tell me about walks along the coast, part ${i}, at some length.`)).status).toBe(200);
    await settleAfterTurn();
    const calls = askedFor(from);
    expect(new Set(calls.map((call) => call.kind))).toEqual(new Set(["reply", "extraction", "summary or title"]));
    expect(calls.filter((call) => call.model !== "stub-small")).toEqual([]);
    expect((await getConversation({ id })).ok && (await getConversation({ id }))).toMatchObject({
      data: { conversation: { model: "stub-small" } },
    });
  });

  it("switches a stored conversation's model from the picker, and its next turn uses it", async () => {
    const id = randomUUID();
    await turn(id, "Hello.");
    expect(await storedModel(id)).toBeNull();
    expect(await chooseModel({ id, model: "stub-large" })).toEqual({ ok: true, data: null });
    const from = stub.requests.length;
    await turn(id, "And now?");
    expect(askedFor(from).find((call) => call.kind === "reply")?.model).toBe("stub-large");
  });

  it("answers with the default once a conversation's stored model is no longer offered", async () => {
    const id = randomUUID();
    await turn(id, "Hello.", "stub-small");
    await withClient(database.url(), (client) => client.query(`UPDATE "Conversation" SET "model" = 'retired-model' WHERE "id" = $1`, [id]));
    const from = stub.requests.length;
    expect((await turn(id, "Still there?")).status).toBe(200);
    expect(askedFor(from).find((call) => call.kind === "reply")?.model).toBe("stub-default");
  });

  it("refuses a model that is not offered with a typed 400, storing nothing", async () => {
    const id = randomUUID();
    const refused = await turn(id, "Hello.", "gpt-9-ultra");
    expect(refused).toMatchObject({ status: 400, error: { code: "UNKNOWN_MODEL" } });
    expect(await storedModel(id)).toBeUndefined();
    await turn(id, "Hello.");
    expect(await chooseModel({ id, model: "text-embedding-3-small" })).toMatchObject({ ok: false, error: { code: "UNKNOWN_MODEL" } });
    expect(await chooseModel({ id, model: "x".repeat(201) })).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(await chooseModel({ id: randomUUID(), model: "stub-large" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
