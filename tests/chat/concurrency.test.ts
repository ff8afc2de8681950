import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { seqOf } from "@/lib/memory/messages";
import { memoryBufferSchema } from "@/lib/memory/schema";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn, sendTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase();
const N = 25;

async function stored(conversationId: string) {
  return withClient(database.url(), async (client) => ({
    messages: (
      await client.query(`SELECT id, seq, role, content, status FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`, [conversationId])
    ).rows,
    memory: memoryBufferSchema.parse(
      (await client.query(`SELECT "memoryBuffer" FROM "Conversation" WHERE id = $1`, [conversationId])).rows[0].memoryBuffer,
    ),
  }));
}

/** Every message is either still in the window or was folded into the summary, each exactly once. */
function expectMemoryCoversEveryMessage(memory: ReturnType<typeof memoryBufferSchema.parse>, total: number) {
  const window = memory.short_term_memory.messages;
  const ids = window.map((message) => message.data.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(window.map(seqOf)).toEqual([...window.map(seqOf)].sort((a, b) => a - b));
  expect(memory.long_term_memory.summarized_messages + window.length).toBe(total);
}

describe(`${N} turns on one conversation at once`, () => {
  it("lose nothing: 2N messages in pairs, and memory counts every turn", async () => {
    const id = randomUUID();
    const texts = Array.from({ length: N }, (_, i) => `concurrent message ${i}`);
    const turns = await Promise.all(texts.map((text) => sendTurn(id, text)));
    expect(turns.every((turn) => turn.status === 200 && !turn.error)).toBe(true);

    const { messages, memory } = await stored(id);
    expect(messages).toHaveLength(2 * N);
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 2 * N }, (_, i) => i + 1));
    expect(messages.every((m) => m.status === "complete")).toBe(true);
    for (let i = 0; i < N; i++) {
      const [user, reply] = [messages[2 * i], messages[2 * i + 1]];
      expect(user.role).toBe("user");
      expect(reply.role).toBe("assistant");
      const turn = turns[texts.indexOf(user.content)];
      expect(turn.chunks[0]).toMatchObject({ type: "start", messageId: reply.id });
      expect(reply.content).toBe(turn.text);
    }
    expect(new Set(messages.filter((m) => m.role === "user").map((m) => m.content))).toEqual(new Set(texts));
    expect(memory.stats.turns).toBe(N);
    expectMemoryCoversEveryMessage(memory, 2 * N);

    await settleAfterTurn();
    const after = await stored(id);
    expect(after.memory.long_term_memory.summarized_messages).toBeGreaterThan(0);
    expectMemoryCoversEveryMessage(after.memory, 2 * N);
  });

  it("keep arrival order: each turn is positioned when it arrives, even while earlier ones still stream", async () => {
    const id = randomUUID();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < N; i++) {
      const response = await postChat(chatBody(id, `ordered ${i}`)); // stored before the reply streams
      pending.push(readTurn(response));
    }
    await Promise.all(pending);
    const { messages, memory } = await stored(id);
    expect(messages.filter((m) => m.role === "user").map((m) => m.content)).toEqual(Array.from({ length: N }, (_, i) => `ordered ${i}`));
    expect(memory.stats.turns).toBe(N);
  });
});
