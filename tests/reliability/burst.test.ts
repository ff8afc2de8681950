import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import { memoryBufferSchema } from "@/lib/memory/schema";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase({ DATABASE_POOL_SIZE: "20" });

/** Every message once, in pairs, positions 1..2n, and memory counting every turn. */
async function expectIntact(id: string, texts: string[]) {
  await withClient(database.url(), async (client) => {
    const { rows } = await client.query(`SELECT seq, role, content, status FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`, [id]);
    expect(rows).toHaveLength(2 * texts.length);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(rows.filter((_, i) => i % 2 === 0).every((r) => r.role === "user")).toBe(true);
    expect(rows.filter((_, i) => i % 2 === 1).every((r) => r.role === "assistant" && r.status === "complete")).toBe(true);
    expect(
      rows
        .filter((r) => r.role === "user")
        .map((r) => r.content)
        .sort(),
    ).toEqual([...texts].sort());
    const memory = memoryBufferSchema.parse(
      (await client.query(`SELECT "memoryBuffer" FROM "Conversation" WHERE id = $1`, [id])).rows[0].memoryBuffer,
    );
    expect(memory.stats.turns).toBe(texts.length);
    expect(memory.long_term_memory.summarized_messages + memory.short_term_memory.messages.length).toBe(2 * texts.length);
  });
}

describe("bursts", () => {
  it("200 concurrent turns on one conversation: every message persisted exactly once, in order", async () => {
    const id = randomUUID();
    const texts = Array.from({ length: 200 }, (_, i) => `burst message ${i}`);
    const results = await Promise.all(texts.map((text) => sendTurn(id, text)));
    expect(results.filter((r) => r.status !== 200 || r.error)).toEqual([]);
    await settleRuns();
    await settleAfterTurn();
    await expectIntact(id, texts);
  }, 180_000);

  it("1,000 concurrent turns across 50 conversations", async () => {
    const ids = Array.from({ length: 50 }, () => randomUUID());
    const turns = Array.from({ length: 1000 }, (_, i) => ({ id: ids[i % 50], text: `message ${i}` }));
    const results = await Promise.all(turns.map((turn) => sendTurn(turn.id, turn.text)));
    expect(results.filter((r) => r.status !== 200 || r.error)).toEqual([]);
    await settleRuns();
    await settleAfterTurn();
    for (const id of ids)
      await expectIntact(
        id,
        turns.filter((t) => t.id === id).map((t) => t.text),
      );
  }, 180_000);
});
