import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as context } from "@/app/api/conversations/[id]/context/route";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import type { PromptContextView } from "@/lib/conversations/views";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";
import { type OpenAIStub, startOpenAIStub } from "../support/openai-stub";

// A real ChatOpenAI against the local stub, which records exactly what each request sent.
setUpAppDatabase({ OPENAI_MAX_RETRIES: "0", OPENAI_TIMEOUT_MS: "2000", MEMORY_WINDOW_TOKENS: "300" });
let stub: OpenAIStub;
beforeAll(async () => {
  stub = await startOpenAIStub();
  process.env.OPENAI_BASE_URL = stub.url;
});
afterAll(() => stub.close());

const ask = (id: string, message: string | null) =>
  context(
    new Request(`http://localhost/api/conversations/${id}/context${message === null ? "" : `?message=${encodeURIComponent(message)}`}`),
    {
      params: Promise.resolve({ id }),
    },
  );

describe("what the assistant sees", () => {
  it("is exactly the prompt the model then receives for that message, section by section", async () => {
    const id = randomUUID();
    await sendTurn(id, "My name is Ada and I live in Paris.");
    for (let i = 0; i < 6; i++) await sendTurn(id, `Tell me something about pricing, part ${i}, in some detail please.`);
    await settleAfterTurn();

    const response = await ask(id, "What is my name?");
    expect(response.status).toBe(200);
    const seen = (await response.json()) as PromptContextView;
    expect(seen.messages[0]).toMatchObject({ section: "instructions", role: "system" });
    expect(seen.messages.at(-1)).toMatchObject({ section: "message", role: "user", content: "What is my name?" });
    expect(seen.messages.map((m) => m.section)).toEqual(expect.arrayContaining(["summary", "profile", "window"]));
    expect(seen.messages.find((m) => m.section === "profile")?.content).toContain("name: Ada");
    expect(seen.totalTokens).toBe(seen.messages.reduce((sum, m) => sum + m.tokens, 0));
    expect(seen.messages.every((m) => m.tokens > 0)).toBe(true);

    const before = stub.requests.length;
    await sendTurn(id, "What is my name?");
    const chat = stub.requests.slice(before).find((request) => request.body.stream === true);
    const sent = (chat!.body.messages as { role: string; content: string }[]).map(({ role, content }) => ({ role, content }));
    expect(sent).toEqual(seen.messages.map(({ role, content }) => ({ role, content })));
  });

  it("for a conversation with nothing stored yet: the instructions and the message", async () => {
    const response = await ask(randomUUID(), "Hello?");
    expect(response.status).toBe(200);
    const seen = (await response.json()) as PromptContextView;
    expect(seen.messages.map((m) => m.section)).toEqual(["instructions", "message"]);
  });

  it("refuses bad input with typed errors", async () => {
    const id = randomUUID();
    expect(await (await ask(id, null)).json()).toMatchObject({ error: { code: "INVALID_MESSAGE" } });
    expect(await (await ask(id, "  ")).json()).toMatchObject({ error: { code: "INVALID_MESSAGE" } });
    expect(await (await ask(id, "a\u0000b")).json()).toMatchObject({ error: { code: "INVALID_MESSAGE" } });
    const long = await ask(id, "x".repeat(16_001));
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ error: { code: "MESSAGE_TOO_LONG" } });
    expect((await ask("nope", "hi")).status).toBe(400);
  });
});
