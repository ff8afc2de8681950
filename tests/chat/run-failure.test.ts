import { randomUUID } from "node:crypto";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { ChatResult } from "@langchain/core/outputs";
import { createUIMessageStreamResponse } from "ai";
import { describe, expect, it } from "vitest";
import type { ChatModelHandle } from "@/lib/ai/model";
import { startChatTurn } from "@/lib/conversations/turn/chat-turn";
import { memoryLimits } from "@/lib/env";
import { memoryBufferSchema } from "@/lib/memory/schema";
import { setUpAppDatabase } from "../support/app-database";
import { readTurn, sendTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase();

const state = (id: string) =>
  withClient(database.url(), async (client) => ({
    messages: (await client.query(`SELECT role, content, status FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`, [id])).rows,
    memory: (await client.query(`SELECT "memoryBuffer", "memoryVersion" FROM "Conversation" WHERE id = $1`, [id])).rows[0],
  }));

/** A model stand-in whose streaming blows up before it yields anything, as a programming error would. */
class ExplodingModel extends BaseChatModel {
  _llmType() {
    return "exploding";
  }
  async _generate(): Promise<ChatResult> {
    throw new TypeError("boom");
  }
  _streamIterator(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'boom')");
  }
}

describe("a reply run that throws", () => {
  it("ends as failed: user message kept, memory untouched, a typed error to the client, nothing left streaming", async () => {
    const id = randomUUID();
    await sendTurn(id, "My name is Ada.");
    const before = await state(id);
    const handle: ChatModelHandle = { kind: "openai", name: "exploding", model: new ExplodingModel({}), timeoutMs: 5_000 };
    const stream = await startChatTurn(
      { conversationId: id, userMessageId: randomUUID(), text: "Explode, please.", model: null, fork: null },
      { signal: new AbortController().signal, client: "test", handle, limits: memoryLimits() },
    );
    const turn = await readTurn(createUIMessageStreamResponse({ stream }));
    expect(turn.error).toEqual({ code: "INTERNAL", message: "Something went wrong on our side. Try again." });
    const after = await state(id);
    expect(after.messages.slice(2)).toEqual([
      { role: "user", content: "Explode, please.", status: "complete" },
      { role: "assistant", content: "", status: "failed" },
    ]);
    expect(after.memory).toEqual(before.memory);
    expect((await sendTurn(id, "Still there?")).error).toBeUndefined();
  });

  it("never starts from a stored window message LangChain cannot load: that buffer goes to `recovered`", async () => {
    const id = randomUUID();
    await sendTurn(id, "My name is Ada.");
    await withClient(database.url(), (client) =>
      client.query(
        `UPDATE "Conversation" SET "memoryBuffer" = jsonb_set("memoryBuffer", '{short_term_memory,messages,0,type}', '"banana"') WHERE id = $1`,
        [id],
      ),
    );
    const turn = await sendTurn(id, "What do you remember?");
    expect(turn.error).toBeUndefined();
    const { messages, memory } = await state(id);
    expect(messages.map((m: { status: string }) => m.status)).toEqual(["complete", "complete", "complete", "complete"]);
    const stored = memoryBufferSchema.parse(memory.memoryBuffer);
    expect(stored.recovered).toHaveLength(1);
    expect(JSON.stringify(stored.recovered?.[0].content)).toContain("banana");
    expect(stored.user_preferences).toEqual({ name: "Ada" });
  });
});
