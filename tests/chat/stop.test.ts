import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { memoryBufferSchema } from "@/lib/memory/schema";
import { useAppDatabase } from "../support/app-database";
import { chatBody, postChat } from "../support/chat";
import { withClient } from "../support/database";

// Slow enough to stop mid-answer.
const database = useAppDatabase({ OFFLINE_MODEL_DELAY_MS: "20" });

it("keeps the partial answer, marked stopped, and adds it to memory when the client aborts mid-stream", async () => {
  const id = randomUUID();
  const controller = new AbortController();
  const response = await postChat(chatBody(id, "Tell me a long story about memory."), { signal: controller.signal });
  const reader = response.body!.getReader();
  let seen = "";
  while (seen.split("text-delta").length < 6) seen += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
  await reader.cancel().catch(() => {});

  const read = () =>
    withClient(database.url(), async (client) => ({
      reply: (await client.query(`SELECT status, content FROM "Message" WHERE "conversationId" = $1 AND seq = 2`, [id])).rows[0],
      memory: (await client.query(`SELECT "memoryBuffer" FROM "Conversation" WHERE id = $1`, [id])).rows[0].memoryBuffer,
    }));
  let state = await read();
  for (let i = 0; i < 100 && state.reply.status !== "stopped"; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    state = await read();
  }
  expect(state.reply.status).toBe("stopped");
  expect(state.reply.content.length).toBeGreaterThan(0);
  expect(state.reply.content).toContain("Offline model");
  expect(state.reply.content).not.toContain("OPENAI_API_KEY");
  const memory = memoryBufferSchema.parse(state.memory);
  expect(memory.short_term_memory.messages.map((m) => m.data.content)).toEqual([
    "Tell me a long story about memory.",
    state.reply.content,
  ]);
});
