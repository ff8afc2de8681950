import { randomUUID } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it, vi } from "vitest";
import { getIndexing } from "@/app/actions/memory";
import { embeddingModel, embeddingsMode } from "@/lib/ai/embeddings";
import { BUILTIN_ENCODER_KEY, sentenceEncoder } from "@/lib/ai/encoder/sentence-encoder";
import { embeddingIdle } from "@/lib/conversations/embedding-queue";
import { getPromptContext } from "@/lib/conversations/prompt-context";
import { questionVector } from "@/lib/conversations/question-vector";
import { embedRecallable } from "@/lib/conversations/semantic-recall";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { envSchema } from "@/lib/env";
import { similarity } from "@/lib/memory/embedding-vectors";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";
import { FACT, importParaphrasedFact, QUESTION } from "../support/paraphrased-fact";

// The real Universal Sentence Encoder lite, from its npm package, in its worker thread.
setUpAppDatabase({ MEMORY_EMBEDDINGS: "builtin" });

const recalledPart = async (id: string, question: string) => {
  const context = await getPromptContext(id, question);
  return { context, recalled: context.messages.find((message) => message.section === "recalled") };
};

describe("the built-in sentence encoder", () => {
  it("is the default, and embeds real text in a worker thread: paraphrases close, other topics far, the event loop free", async () => {
    expect(embeddingModel()).toMatchObject({ key: BUILTIN_ENCODER_KEY, costsTokens: false });
    expect(embeddingsMode(envSchema.parse({}))).toBe("builtin");
    expect(embeddingsMode(envSchema.parse({ OPENAI_EMBEDDING_MODEL: "text-embedding-3-small" }))).toBe("endpoint");
    const [holiday, vacation, tyres] = await sentenceEncoder().embed([FACT, QUESTION, "My car needs new tyres before winter."]);
    for (const vector of [holiday, vacation, tyres]) {
      expect(vector).toHaveLength(512);
      expect(similarity(vector, vector)).toBeCloseTo(1, 4);
    }
    expect(similarity(holiday, vacation)).toBeGreaterThan(similarity(holiday, tyres) + 0.1);

    // A batch takes the worker tens of milliseconds a text; the event loop keeps turning meanwhile.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const texts = Array.from({ length: 16 }, (_, i) => `Message ${i}: we talked about the garden, the weather and a trip to the coast.`);
    const started = performance.now();
    expect(await sentenceEncoder().embed(texts)).toHaveLength(16);
    const took = performance.now() - started;
    delay.disable();
    expect(took).toBeGreaterThan(50);
    // On the event loop, the batch would have held it for all of that time.
    expect(delay.max / 1e6).toBeLessThan(took);
  });

  it("recalls a fact asked about in other words 400 messages later, once its messages are embedded", async () => {
    const id = await importParaphrasedFact(400);
    const before = await recalledPart(id, QUESTION);
    expect(before.context.indexing.pending).toBeGreaterThan(350);
    while ((await embedRecallable(id, "test")) > 0);
    const after = await recalledPart(id, QUESTION);
    expect(after.context.indexing.pending).toBe(0);
    expect(after.recalled?.content).toContain(FACT);
    expect(after.recalled?.recalled?.find((line) => line.seq === 1)?.foundBy).toBe("meaning");
  });

  it("recalls in a new chat, by meaning, a fact said in another chat in other words", async () => {
    const memory = randomUUID();
    const other = await importParaphrasedFact(60, FACT, memory);
    const elsewhere = async () =>
      (await getPromptContext(randomUUID(), QUESTION, memory)).messages.find((message) => message.section === "elsewhere");
    // By words alone the question finds nothing: it shares no word with the fact.
    expect((await elsewhere())?.content ?? "").not.toContain(FACT);
    while ((await embedRecallable(other, "test")) > 0);
    const found = await elsewhere();
    expect(found?.content).toContain(`user: ${FACT}`);
    expect(found?.recalled?.find((line) => line.chat?.conversationId === other && line.seq === 1)?.foundBy).toBe("meaning");
  });

  it("costs recall only its meaning when the encoder fails or is slow, never the turn", async () => {
    const id = await importParaphrasedFact(60);
    while ((await embedRecallable(id, "test")) > 0);
    const embedder = embeddingModel()!;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const failing = vi.spyOn(embedder, "embed").mockRejectedValue(new Error("the encoder broke"));
    // Words still find what shares words with the question.
    const byWords = await recalledPart(id, "What did the note about soup recipes say?");
    expect(byWords.recalled?.content).toContain("soup recipes");
    expect(byWords.recalled?.recalled?.every((line) => line.foundBy !== "meaning")).toBe(true);
    expect((await sendTurn(id, QUESTION)).status).toBe(200);
    failing.mockRestore();

    // An encoder that never answers: recall waits its time limit, then goes by words.
    // Only questions hang: background embedding (the turn above) goes on as usual.
    const real = embedder.embed.bind(embedder);
    const hanging = vi
      .spyOn(embedder, "embed")
      .mockImplementation((texts, options) => (options?.urgent ? new Promise(() => {}) : real(texts, options)));
    const started = performance.now();
    const slow = await recalledPart(id, QUESTION);
    expect(performance.now() - started).toBeLessThan(embedder.queryTimeoutMs + 2_000);
    expect(slow.recalled?.content ?? "").not.toContain(FACT);
    hanging.mockRestore();
    warn.mockRestore();
    expect((await recalledPart(id, QUESTION)).recalled?.content).toContain(FACT);
  });

  it("embeds a question once when several ask for it at once, and drops it only when all of them give up", async () => {
    const embedder = embeddingModel()!;
    const asked: string[] = [];
    const real = embedder.embed.bind(embedder);
    const counting = vi.spyOn(embedder, "embed").mockImplementation((texts, options) => {
      if (options?.urgent) asked.push(...texts);
      return real(texts, options);
    });
    const [first, second] = await Promise.all([questionVector(embedder, QUESTION), questionVector(embedder, QUESTION)]);
    expect(asked).toEqual([QUESTION]);
    expect(similarity(first, second)).toBeCloseTo(1, 5);
    expect(similarity(first, (await sentenceEncoder().embed([QUESTION]))[0])).toBeCloseTo(1, 4);

    // One caller gives up: the other still gets the vector.
    const givesUp = new AbortController();
    const dropped = questionVector(embedder, FACT, givesUp.signal);
    const kept = questionVector(embedder, FACT);
    givesUp.abort();
    expect(similarity(await kept, first)).toBeLessThan(0.99);
    await dropped;
    // Every caller gives up: the embedding is stopped, and a later question starts again.
    const both = [new AbortController(), new AbortController()];
    const stopped = both.map((stop) => questionVector(embedder, "Where did we go last spring?", stop.signal));
    for (const stop of both) stop.abort();
    for (const vector of stopped) await expect(vector).rejects.toThrow();
    expect((await questionVector(embedder, "Where did we go last spring?")).length).toBe(512);
    expect(asked).toEqual([QUESTION, FACT, "Where did we go last spring?", "Where did we go last spring?"]);

    // A turn's own recall and its recall from other chats embed the same question once.
    const memory = randomUUID();
    const other = await importParaphrasedFact(60, FACT, memory);
    const here = await importParaphrasedFact(60, "I keep bees on the roof of the flat.", memory);
    for (const id of [other, here]) while ((await embedRecallable(id, "test")) > 0);
    asked.length = 0;
    const context = await getPromptContext(here, QUESTION, memory);
    expect(context.messages.find((message) => message.section === "elsewhere")?.content).toContain(FACT);
    expect(asked).toEqual([QUESTION]);
    counting.mockRestore();
  });

  it("embeds the messages of a turn once they are stored, off the reply's path", async () => {
    const id = randomUUID();
    for (let i = 0; i < 6; i++) expect((await sendTurn(id, `Tell me something about topic ${i}, please.`)).status).toBe(200);
    await settleAfterTurn();
    for (let tries = 0; tries < 100 && (await getPromptContext(id, "anything")).indexing.pending > 0; tries++) await embeddingIdle();
    expect((await getPromptContext(id, "anything")).indexing.pending).toBe(0);
  });

  it("takes up a conversation left waiting (a restart, or messages from before the encoder) when its progress is asked for", async () => {
    const id = await importParaphrasedFact(40);
    // Nothing was scheduled: the import here did not go through the route.
    await embeddingIdle();
    const first = await getIndexing({ id });
    expect(first).toMatchObject({ ok: true });
    expect(first.ok && first.data.pending).toBeGreaterThan(30);
    await embeddingIdle();
    expect(await getIndexing({ id })).toEqual({ ok: true, data: { pending: 0 } });
  });
});
