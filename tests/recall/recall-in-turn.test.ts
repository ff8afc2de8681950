import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadMemory } from "@/lib/conversations/memory-store";
import { getPromptContext } from "@/lib/conversations/prompt-context";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { clearConversationMemory } from "@/lib/conversations/write";
import { windowStart } from "@/lib/memory/recall-window";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";

setUpAppDatabase();

const TOPICS = ["the garden", "a new laptop", "weekend plans", "a recipe for soup", "learning Spanish", "running shoes", "a podcast"];
const filler = (i: number) => `Let's talk about ${TOPICS[i % TOPICS.length]} for a bit, thought number ${i}, nothing important.`;

async function longConversation(fact: string, turns: number): Promise<string> {
  const id = randomUUID();
  await sendTurn(id, fact);
  for (let i = 1; i < turns; i++) await sendTurn(id, filler(i));
  await settleAfterTurn();
  return id;
}

describe("long-term recall", () => {
  it("finds a fact stated 400 messages earlier that the summary no longer holds, with its position and date", async () => {
    const id = await longConversation("My dentist appointment with Dr. Okafor is on 14 March at the clinic on Rua Augusta.", 200);
    const seen = await getPromptContext(id, "Remind me, when is my appointment with the dentist?");
    const summary = seen.messages.find((m) => m.section === "summary")?.content ?? "";
    expect(summary).not.toContain("Okafor");
    expect(
      seen.messages
        .filter((m) => m.section === "window")
        .map((m) => m.content)
        .join("\n"),
    ).not.toContain("Okafor");
    const recalled = seen.messages.find((m) => m.section === "recalled");
    expect(recalled?.content).toMatch(/^\d{4}-\d{2}-\d{2}\n#1 user: My dentist appointment with Dr\. Okafor is on 14 March/m);
    expect(recalled?.recalled?.map((r) => r.seq)).toContain(1);
    expect(recalled?.recalled?.filter((line) => line.seq === 1)).toHaveLength(1);
    // Nothing the window already holds is recalled again.
    const start = windowStart((await loadMemory(id)).memory)!;
    expect(recalled?.recalled?.every((line) => line.seq < start)).toBe(true);
    // The section's place: after what memory holds, before the live window.
    const sections = seen.messages.map((m) => m.section);
    expect(sections.indexOf("recalled")).toBeLessThan(sections.indexOf("window"));
    // Recall fills what the rest leaves of the prompt budget (MEMORY_PROMPT_TOKENS, 3,000), and no more.
    expect(seen.totalTokens).toBeLessThanOrEqual(3_000);
  });

  it("recalls nothing from before a Clear memory, and what is said afterwards once it leaves the window", async () => {
    const id = await longConversation("My locker code at the gym is 4471, the blue locker.", 40);
    const ask = async () =>
      (await getPromptContext(id, "What was my locker code at the gym?")).messages.find((m) => m.section === "recalled");
    expect((await ask())?.content).toContain("4471");
    await clearConversationMemory(id, "all");
    expect(await ask()).toBeUndefined();
    await sendTurn(id, "New locker at the gym: code 9032, the red one.");
    for (let i = 0; i < 30; i++) await sendTurn(id, filler(i));
    await settleAfterTurn();
    const recalled = (await ask())?.content ?? "";
    expect(recalled).toContain("9032");
    expect(recalled).not.toContain("4471");
  });
});
