import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { byteSize } from "@/lib/memory/cap";
import { memoryBufferSchema } from "@/lib/memory/schema";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase();

it("keeps memoryBuffer under its cap through 1,000 turns, and every message stays stored", async () => {
  const id = randomUUID();
  const sizes: number[] = [];
  for (let i = 1; i <= 1000; i++) {
    const turn = await sendTurn(id, `Turn ${i}: I live in city number ${i} and I like flavour ${i}. ${"Some detail. ".repeat(i % 20)}`);
    expect(turn.error).toBeUndefined();
    if (i % 100 === 0) {
      await settleAfterTurn();
      const raw = await withClient(
        database.url(),
        async (client) =>
          (await client.query(`SELECT "memoryBuffer", octet_length("memoryBuffer"::text) AS bytes FROM "Conversation" WHERE id = $1`, [id]))
            .rows[0],
      );
      const memory = memoryBufferSchema.parse(raw.memoryBuffer);
      sizes.push(byteSize(memory));
      expect(byteSize(memory)).toBeLessThanOrEqual(65_536);
      expect(memory.stats.turns).toBe(i);
    }
  }
  const count = await withClient(
    database.url(),
    async (client) => (await client.query(`SELECT count(*)::int AS n FROM "Message" WHERE "conversationId" = $1`, [id])).rows[0].n,
  );
  expect(count).toBe(2000);
  // Bounded, not growing: the last sizes are no larger than the cap and do not keep climbing.
  expect(Math.max(...sizes.slice(-3))).toBeLessThanOrEqual(65_536);
  console.info(`memoryBuffer bytes every 100 turns: ${sizes.join(", ")}`);
}, 300_000);
