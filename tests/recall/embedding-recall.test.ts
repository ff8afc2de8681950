import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as importRoute } from "@/app/api/conversations/import/route";
import { embeddingIdle } from "@/lib/conversations/embedding-queue";
import type { ImportedSummary } from "@/lib/conversations/import/import-conversations";
import { loadMemory } from "@/lib/conversations/memory-store";
import { getPromptContext } from "@/lib/conversations/prompt-context";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { clearConversationMemory } from "@/lib/conversations/write";
import { selectRecallHits } from "@/lib/db/queries/recall-queries";
import { searchTerms } from "@/lib/memory/recall-terms";
import { windowStart } from "@/lib/memory/recall-window";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";
import { withClient } from "../support/database";
import { type OpenAIStub, startOpenAIStub } from "../support/openai-stub";

// A real OpenAIEmbeddings (and ChatOpenAI) against the local stub, whose embedding puts "holiday",
// "vacation" and "trip" on one dimension: a question in other words than the fact it needs.
const database = setUpAppDatabase({
  OPENAI_MAX_RETRIES: "0",
  OPENAI_TIMEOUT_MS: "2000",
  MEMORY_WINDOW_TOKENS: "300",
  OPENAI_EMBEDDING_MODEL: "stub-embedding",
  MEMORY_EMBEDDINGS: "endpoint",
});
let stub: OpenAIStub;
beforeAll(async () => {
  stub = await startOpenAIStub(0, 0);
  process.env.OPENAI_BASE_URL = stub.url;
});
afterAll(() => stub.close());

const FACT = "We spent our holiday in Lisbon, and the tiles on every street were lovely.";
const QUESTION = "Which city did we visit on vacation?";
const TOPICS = ["the garden", "a new laptop", "soup recipes", "learning Spanish", "running shoes", "a podcast"];
const filler = (i: number) => `Let's talk about ${TOPICS[i % TOPICS.length]} for a bit, note number ${i}, nothing important.`;

const rows = (sql: string, values: unknown[] = []) => withClient(database.url(), async (client) => (await client.query(sql, values)).rows);
const recalledText = async (id: string, question: string) =>
  (await getPromptContext(id, question)).messages.find((m) => m.section === "recalled")?.content ?? "";

async function conversationWithFact(): Promise<string> {
  const id = randomUUID();
  await sendTurn(id, FACT);
  for (let i = 0; i < 30; i++) await sendTurn(id, filler(i));
  await settleAfterTurn();
  await embeddingIdle();
  return id;
}

describe("recall with an embedding model (OPENAI_EMBEDDING_MODEL)", () => {
  let id: string;
  beforeAll(async () => {
    id = await conversationWithFact();
  });

  it("stores a vector for every message that left the window, and only for indexed messages", async () => {
    const start = windowStart((await loadMemory(id)).memory)!;
    const [counts] = await rows(
      `SELECT (SELECT count(*) FROM "Message" WHERE "conversationId" = $1 AND "recall" IS NOT NULL AND "seq" < $2)::int AS left,
              (SELECT count(*) FROM "MessageEmbedding" e WHERE "conversationId" = $1 AND "model" = 'stub-embedding/default' AND "seq" < $2)::int AS embedded,
              (SELECT count(*) FROM "MessageEmbedding" e WHERE "conversationId" = $1 AND NOT EXISTS (
                 SELECT 1 FROM "Message" m WHERE m."conversationId" = e."conversationId" AND m."seq" = e."seq" AND m."recall" IS NOT NULL))::int AS stray,
              (SELECT min(length("signs")) FROM "MessageEmbedding" WHERE "conversationId" = $1)::int AS bits,
              (SELECT min(octet_length("vector")) FROM "MessageEmbedding" WHERE "conversationId" = $1)::int AS bytes`,
      [id, start],
    );
    expect(counts.left).toBeGreaterThan(10);
    // A byte a component, after an 8-byte header (lib/memory/embedding-vectors.ts).
    expect(counts).toMatchObject({ embedded: counts.left, stray: 0, bits: 64, bytes: 8 + 64 });
  });

  it("recalls a fact asked about in other words, which full-text search alone cannot find", async () => {
    const words = searchTerms(QUESTION).map((term) => term.word);
    const byWords = await selectRecallHits(
      id,
      words,
      words.map(() => 1_000),
      1_000,
    );
    expect(byWords.map((hit) => hit.seq)).not.toContain(1);

    const before = stub.requests.length;
    expect(await recalledText(id, QUESTION)).toContain("#1 user: We spent our holiday in Lisbon");
    expect(stub.requests.slice(before).map((request) => request.body.input)).toContainEqual([QUESTION]);
  });

  it("recalls by words alone when the embedding endpoint fails", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(await recalledText(id, "[[stub:embed-500]] Which city was our holiday in?")).toContain("Lisbon");
      expect(warn.mock.calls.flat().join(" ")).toContain("Embedding search failed");
    } finally {
      warn.mockRestore();
    }
  });

  it("recalls nothing from before a Clear memory, whose vectors it deletes", async () => {
    const cleared = await conversationWithFact();
    const stored = async () =>
      (await rows(`SELECT count(*)::int AS stored FROM "MessageEmbedding" WHERE "conversationId" = $1`, [cleared]))[0].stored;
    expect(await stored()).toBeGreaterThan(10);
    await clearConversationMemory(cleared, "all");
    expect(await stored()).toBe(0);
    expect(await recalledText(cleared, QUESTION)).toBe("");
  });

  it("embeds an imported conversation after the import answers", async () => {
    const messages = [
      { role: "user", content: FACT },
      { role: "assistant", content: "Lisbon in the spring sounds wonderful." },
      ...Array.from({ length: 60 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: filler(i) })),
    ];
    const response = await importRoute(
      new Request("http://localhost/api/conversations/import", {
        method: "POST",
        body: JSON.stringify({ title: "Imported", messages }),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(response.status).toBe(201);
    const [{ id: importedId }] = ((await response.json()) as { conversations: ImportedSummary[] }).conversations;
    await settleAfterTurn();
    await embeddingIdle();
    const [{ embedded }] = await rows(`SELECT count(*)::int AS embedded FROM "MessageEmbedding" WHERE "conversationId" = $1`, [importedId]);
    expect(embedded).toBeGreaterThan(40);
    expect(await recalledText(importedId, QUESTION)).toContain("#1 user: We spent our holiday in Lisbon");
  });
});
