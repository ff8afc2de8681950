import { describe, expect, it } from "vitest";
import { embeddingModel } from "@/lib/ai/embeddings";
import { getPromptContext } from "@/lib/conversations/prompt-context";
import { setUpAppDatabase } from "../support/app-database";
import { FACT, importParaphrasedFact, QUESTION } from "../support/paraphrased-fact";

setUpAppDatabase({ MEMORY_EMBEDDINGS: "off" });

describe("recall with embeddings off", () => {
  it("goes by words alone: a fact asked about in other words 400 messages later is not found, and nothing waits to be embedded", async () => {
    expect(embeddingModel()).toBeNull();
    const id = await importParaphrasedFact(400);
    const context = await getPromptContext(id, QUESTION);
    expect(context.indexing.pending).toBe(0);
    expect(context.messages.find((message) => message.section === "recalled")?.content ?? "").not.toContain(FACT);
    // What shares words with the question is found.
    const byWords = await getPromptContext(id, "What did the note about soup recipes say?");
    expect(byWords.messages.find((message) => message.section === "recalled")?.content).toContain("soup recipes");
  });

  it("finds a fact told with an irregular verb when asked with its other form", async () => {
    const id = await importParaphrasedFact(400, "In the end I bought a second-hand Volvo, it is spotless.");
    const recalled = (question: string) =>
      getPromptContext(id, question).then((context) => context.messages.find((message) => message.section === "recalled")?.content ?? "");
    expect(await recalled("What did I buy?")).toContain("second-hand Volvo");
    // The same question in a word no form reaches finds nothing of it.
    expect(await recalled("What did I purchase?")).not.toContain("second-hand Volvo");
  });
});
