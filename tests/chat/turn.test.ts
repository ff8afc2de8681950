import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getConversation } from "@/app/actions/conversations";
import { getMemory } from "@/app/actions/memory";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { memoryBufferSchema } from "@/lib/memory/schema";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn, sendTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase();

async function rows(conversationId: string) {
  return withClient(database.url(), async (client) => {
    const messages = await client.query(`SELECT id, seq, role, content, status FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`, [
      conversationId,
    ]);
    const conversation = await client.query(`SELECT "memoryBuffer", "memoryVersion", title FROM "Conversation" WHERE id = $1`, [
      conversationId,
    ]);
    return { messages: messages.rows, conversation: conversation.rows[0] };
  });
}

describe("a chat turn", () => {
  it("creates the conversation, streams a reply, and stores both messages with the new memory", async () => {
    const id = randomUUID();
    const userMessageId = randomUUID();
    const turn = await sendTurn(id, "Hello! My name is Ada and let's talk about pricing.", userMessageId);
    expect(turn.status).toBe(200);
    expect(turn.error).toBeUndefined();
    expect(turn.chunks[0]).toMatchObject({ type: "start" });
    expect(turn.chunks.filter((c) => c.type === "text-delta").length).toBeGreaterThan(0);
    expect(turn.text).toContain("Offline model");
    expect(turn.chunks.at(-1)).toEqual({ type: "finish" });

    const stored = await rows(id);
    expect(stored.messages).toEqual([
      { id: userMessageId, seq: 1, role: "user", content: "Hello! My name is Ada and let's talk about pricing.", status: "complete" },
      { id: (turn.chunks[0] as { messageId: string }).messageId, seq: 2, role: "assistant", content: turn.text, status: "complete" },
    ]);
    const memory = memoryBufferSchema.parse(stored.conversation.memoryBuffer);
    expect(memory.user_preferences).toEqual({ name: "Ada", topic: "pricing" });
    expect(memory.short_term_memory.messages.map((m) => [m.type, m.data.content])).toEqual([
      ["human", "Hello! My name is Ada and let's talk about pricing."],
      ["ai", turn.text],
    ]);
    expect(memory.stats.turns).toBe(1);
    await settleAfterTurn();
    expect((await rows(id)).conversation.title).toBe("Hello! My name is Ada and let's talk about pricing.");
  });

  it("builds the next prompt from stored memory, so the reply shows what it remembers", async () => {
    const id = randomUUID();
    await sendTurn(id, "My name is Grace. I prefer short answers.");
    const second = await sendTurn(id, "What do you know about me?");
    expect(second.text).toBe("Your name is Grace and your preference is short answers.");
  });

  it("stores a message that spells out a model's special tokens like any other text", async () => {
    const id = randomUUID();
    const text = "What does <|endoftext|> mean, and <|im_start|>?";
    const turn = await sendTurn(id, text);
    expect(turn).toMatchObject({ status: 200, error: undefined });
    const stored = await rows(id);
    expect(stored.messages.map((m) => [m.role, m.status])).toEqual([
      ["user", "complete"],
      ["assistant", "complete"],
    ]);
    const memory = memoryBufferSchema.parse(stored.conversation.memoryBuffer);
    expect(memory.short_term_memory.messages[0].data.content).toBe(text);
  });

  it("continues a conversation from before migration 010, whose memoryBuffer is NULL", async () => {
    const id = randomUUID();
    await withClient(database.url(), async (client) => {
      await client.query(`INSERT INTO "Conversation" (id, title, "lastSeq") VALUES ($1, 'old', 2)`, [id]);
      await client.query(
        `INSERT INTO "Message" ("conversationId", seq, role, content) VALUES ($1, 1, 'user', 'old question'), ($1, 2, 'assistant', 'old answer')`,
        [id],
      );
    });
    const turn = await sendTurn(id, "Still there?");
    expect(turn.error).toBeUndefined();
    const stored = await rows(id);
    expect(stored.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(memoryBufferSchema.parse(stored.conversation.memoryBuffer).stats.turns).toBe(1);
    expect(stored.conversation.title).toBe("old");
  });

  it("resumes in a new process: the conversation and its memory load from the database alone", async () => {
    const id = randomUUID();
    await sendTurn(id, "My name is Linus.");
    const { spawnSync } = await import("node:child_process");
    const child = spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "tests/support/resume-in-child.ts", id], {
      env: { ...process.env },
      encoding: "utf8",
    });
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout.trim().split("\n").at(-1)!);
    expect(result.loaded).toBe(2);
    expect(result.reply).toBe("Your name is Linus.");
    expect((await rows(id)).messages).toHaveLength(4);
  });

  it("reads pages newest first and exposes memory through the actions", async () => {
    const id = randomUUID();
    for (let i = 1; i <= 6; i++) await sendTurn(id, `message ${i}`);
    const page = await getConversation({ id, limit: 5 });
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.data.messages.map((m) => m.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(page.data.hasMore).toBe(true);
    const older = await getConversation({ id, limit: 5, before: 8 });
    expect(older.ok && older.data.messages.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7]);
    const memory = await getMemory({ id });
    expect(memory.ok && memory.data.turns).toBe(6);
  });
});

describe("the turn endpoint's input", () => {
  it("answers malformed requests with typed 4xx errors and writes nothing", async () => {
    const id = randomUUID();
    const cases: [unknown, number, string][] = [
      [{ id: "not-a-uuid", message: chatBody(id, "x").message }, 400, "INVALID_ID"],
      [{ id, message: { role: "user", parts: [] } }, 400, "BAD_REQUEST"],
      [{ id, message: { role: "assistant", parts: [{ type: "text", text: "x" }] } }, 400, "BAD_REQUEST"],
      [chatBody(id, "   "), 400, "INVALID_MESSAGE"],
      [chatBody(id, "nul \u0000 byte"), 400, "INVALID_MESSAGE"],
      [chatBody(id, "lone \ud800 surrogate"), 400, "INVALID_MESSAGE"],
      [chatBody(id, "x".repeat(16_001)), 400, "MESSAGE_TOO_LONG"],
      ["{not json", 400, "BAD_REQUEST"],
      [JSON.stringify({ id, pad: "x".repeat(300_000) }), 413, "PAYLOAD_TOO_LARGE"],
    ];
    for (const [body, status, code] of cases) {
      const result = await readTurn(await postChat(body));
      expect(result.status, code).toBe(status);
      expect(result.error?.code).toBe(code);
    }
    const wrongType = await readTurn(await postChat(chatBody(id, "x"), { headers: { "content-type": "text/plain" } }));
    expect(wrongType).toMatchObject({ status: 415, error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
    expect((await rows(id)).messages).toEqual([]);
  });
});
