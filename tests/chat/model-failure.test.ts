import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryBufferSchema } from "@/lib/memory/schema";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";
import { withClient } from "../support/database";
import { type OpenAIStub, startOpenAIStub } from "../support/openai-stub";

const database = setUpAppDatabase({ OPENAI_MAX_RETRIES: "0", OPENAI_TIMEOUT_MS: "1000" });
let stub: OpenAIStub;
beforeAll(async () => {
  stub = await startOpenAIStub();
  process.env.OPENAI_BASE_URL = stub.url;
});
afterAll(() => stub.close());

const state = (id: string) =>
  withClient(database.url(), async (client) => ({
    messages: (await client.query(`SELECT id, seq, role, content, status FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`, [id]))
      .rows,
    memory: (await client.query(`SELECT "memoryBuffer", "memoryVersion" FROM "Conversation" WHERE id = $1`, [id])).rows[0],
  }));

describe("when the model fails", () => {
  it.each([
    ["[[stub:500]]", "MODEL_UNAVAILABLE"],
    ["[[stub:429]]", "MODEL_RATE_LIMITED"],
    ["[[stub:drop]]", "MODEL_UNAVAILABLE"],
    ["[[stub:hang]]", "MODEL_TIMEOUT"],
    ["[[stub:malformed]]", "MODEL_BAD_RESPONSE"],
  ])("%s keeps the user message, marks the reply failed, leaves memory alone, and the next turn works", async (directive, code) => {
    const id = randomUUID();
    await sendTurn(id, "My name is Ada.");
    const before = await state(id);

    const failed = await sendTurn(id, `Tell me more ${directive}`);
    expect(failed.status).toBe(200);
    expect(failed.error).toMatchObject({ code });
    expect(failed.error?.message).not.toMatch(/at .*\.(ts|js):\d+/);
    const after = await state(id);
    expect(after.messages.slice(2)).toMatchObject([
      { seq: 3, role: "user", content: `Tell me more ${directive}`, status: "complete" },
      { seq: 4, role: "assistant", status: "failed" },
    ]);
    expect(after.memory).toEqual(before.memory);

    const next = await sendTurn(id, "Are you back?");
    expect(next.error).toBeUndefined();
    expect(next.text).toContain("Are you back?");
    const memory = memoryBufferSchema.parse((await state(id)).memory.memoryBuffer);
    expect(memory.stats.turns).toBe(2);
    expect(memory.user_preferences.name).toBe("Ada");
  });

  it("a Retry of the same message stores it once and completes the turn", async () => {
    const id = randomUUID();
    const messageId = randomUUID();
    const first = await sendTurn(id, "Try this [[stub:500-once]]", messageId);
    expect(first.error?.code).toBe("MODEL_UNAVAILABLE");
    const retry = await sendTurn(id, "Try this [[stub:500-once]]", messageId);
    expect(retry.error).toBeUndefined();
    const { messages, memory } = await state(id);
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ["user", "complete"],
      ["assistant", "failed"],
      ["assistant", "complete"],
    ]);
    expect(messages[0].id).toBe(messageId);
    const parsed = memoryBufferSchema.parse(memory.memoryBuffer);
    expect(parsed.short_term_memory.messages.map((m) => m.data.content)).toEqual([messages[0].content, messages[2].content]);
    expect(parsed.stats.turns).toBe(1);
  });

  it("refuses a message id reused for different text", async () => {
    const id = randomUUID();
    const messageId = randomUUID();
    await sendTurn(id, "original", messageId);
    const reused = await sendTurn(id, "different", messageId);
    expect(reused).toMatchObject({ status: 400, error: { code: "BAD_REQUEST" } });
  });
});
