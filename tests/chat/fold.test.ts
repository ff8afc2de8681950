import { randomUUID } from "node:crypto";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { describe, expect, it } from "vitest";
import type { ChatModelHandle } from "@/lib/ai/model";
import { foldWindow, settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { memoryBufferSchema } from "@/lib/memory/schema";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";
import { withClient } from "../support/database";

// A window of 2,000 tokens holds six short turns, so the test decides when the fold happens.
const database = setUpAppDatabase({ MEMORY_WINDOW_TOKENS: "2000" });
const LIMITS = { windowTokens: 200, maxBytes: 65_536 };

/** A summarizer that answers only when released, so a turn can land while it works. */
class GatedSummarizer extends BaseChatModel {
  calls = 0;
  private release!: () => void;
  readonly released = new Promise<void>((resolve) => (this.release = resolve));
  private started!: () => void;
  readonly asked = new Promise<void>((resolve) => (this.started = resolve));
  _llmType() {
    return "gated";
  }
  open() {
    this.release();
  }
  async _generate(): Promise<ChatResult> {
    this.calls++;
    this.started();
    await this.released;
    const text = `summary ${this.calls}`;
    return { generations: [{ text, message: new AIMessage(text) }] };
  }
}

async function stored(conversationId: string) {
  return withClient(database.url(), async (client) => {
    const { rows } = await client.query(`SELECT "memoryBuffer", "memoryVersion" FROM "Conversation" WHERE id = $1`, [conversationId]);
    const count = await client.query(`SELECT count(*)::int AS n FROM "Message" WHERE "conversationId" = $1`, [conversationId]);
    return {
      memory: memoryBufferSchema.parse(rows[0].memoryBuffer),
      version: rows[0].memoryVersion as number,
      messages: count.rows[0].n as number,
    };
  });
}

async function conversationWithTurns(turns: number): Promise<string> {
  const id = randomUUID();
  for (let i = 0; i < turns; i++) expect((await sendTurn(id, `turn ${i}: what does plan ${i} cost for ten seats?`)).status).toBe(200);
  await settleAfterTurn();
  return id;
}

describe("folding the window into the summary", () => {
  it("commits each round with one compare-and-set when nothing else writes memory", async () => {
    const id = await conversationWithTurns(6);
    const before = await stored(id);
    expect(before.memory.long_term_memory.summarized_messages).toBe(0);
    const model = new GatedSummarizer({});
    model.open();
    const folded = await foldWindow(id, { kind: "openai", name: "gated", model, timeoutMs: 5_000 }, LIMITS, "test");

    const after = await stored(id);
    expect(folded).toBeGreaterThan(0);
    expect(after.version).toBe(before.version + model.calls);
    expect(after.memory.long_term_memory.summary).toBe(`summary ${model.calls}`);
    expect(after.memory.long_term_memory.summarized_messages).toBe(folded);
    expect(after.memory.long_term_memory.summarized_messages + after.memory.short_term_memory.messages.length).toBe(after.messages);
  });

  it("still lands, under the row lock, when a turn changed memory while the summary was being written", async () => {
    const id = await conversationWithTurns(6);
    const model = new GatedSummarizer({});
    const handle: ChatModelHandle = { kind: "openai", name: "gated", model, timeoutMs: 5_000 };
    const folding = foldWindow(id, handle, LIMITS, "test");
    await model.asked;
    expect((await sendTurn(id, "a turn that lands mid-summary")).status).toBe(200);
    model.open();
    const folded = await folding;

    const after = await stored(id);
    expect(folded).toBeGreaterThan(0);
    expect(after.memory.long_term_memory.summary).toBe(`summary ${model.calls}`);
    expect(after.memory.short_term_memory.messages.some((message) => message.data.content === "a turn that lands mid-summary")).toBe(true);
    expect(after.memory.stats.turns).toBe(7);
    expect(after.memory.long_term_memory.summarized_messages + after.memory.short_term_memory.messages.length).toBe(after.messages);
  });
});
