import { beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/conversations/import/route";
import type { ImportedSummary } from "@/lib/conversations/import/import-conversations";
import { nearestMessages, SHORTLIST, SIMILAR } from "@/lib/conversations/semantic-recall";
import { currentVectors, type HeldVectors } from "@/lib/conversations/vector-cache";
import { clearConversationMemory } from "@/lib/conversations/write";
import { FORGET_RECALL, selectNearestEmbeddings, selectUnembedded, upsertEmbeddings } from "@/lib/db/queries/recall-queries";
import { encodeVector, signBits, unitVector } from "@/lib/memory/embedding-vectors";
import { heldSimilarity, nearestHeld } from "@/lib/memory/nearest-vectors";
import { setUpAppDatabase } from "../support/app-database";
import { withClient } from "../support/database";

// An instance's copy of a conversation's vectors (lib/conversations/vector-cache.ts) against the
// table itself: the same ranking as PostgreSQL's, and every write seen, whoever made it.
const database = setUpAppDatabase({ MEMORY_EMBEDDINGS: "off" });
const MODEL = "test/random-32";
const run = (sql: string, values: unknown[] = []) => withClient(database.url(), async (client) => (await client.query(sql, values)).rows);

/** A seeded generator: the vectors are random, and the same on every run. */
function randomVectors(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  return () => unitVector(Array.from({ length: 32 }, next));
}
const random = randomVectors(7);

async function importedConversation(messages: number): Promise<string> {
  const response = await importRoute(
    new Request("http://localhost/api/conversations/import", {
      method: "POST",
      body: JSON.stringify({
        title: "Vectors",
        messages: Array.from({ length: messages }, (_, i) => ({
          role: i % 2 ? "assistant" : "user",
          content: `Message ${i} about topic ${i % 9}.`,
        })),
      }),
      headers: { "content-type": "application/json" },
    }),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { conversations: ImportedSummary[] }).conversations[0].id;
}

/** Random vectors under MODEL for every indexed message still without one. */
async function embedAll(id: string): Promise<void> {
  const rows = await selectUnembedded(id, MODEL, 2_147_483_647, 10_000);
  await upsertEmbeddings(
    id,
    MODEL,
    rows.map((row) => {
      const vector = random();
      return { seq: row.seq, signs: signBits(vector), vector: encodeVector(vector) };
    }),
  );
}

const heldSeqs = (held: HeldVectors | null) => [...(held?.vectors ?? [])].map((vector) => vector.seq).sort((a, b) => a - b);
const tableSeqs = async (id: string) =>
  (await run(`SELECT "seq" FROM "MessageEmbedding" WHERE "conversationId" = $1 AND "model" = $2 ORDER BY "seq"`, [id, MODEL])).map(
    (row) => row.seq as number,
  );

describe("an instance's copy of a conversation's vectors", () => {
  let id: string;
  beforeAll(async () => {
    id = await importedConversation(2_200);
    await embedAll(id);
  });

  it("ranks a question as PostgreSQL's sign shortlist and exact ranking do", async () => {
    const held = await currentVectors(id, MODEL);
    expect(heldSeqs(held)).toEqual(await tableSeqs(id));
    for (let question = 0; question < 12; question++) {
      const query = random();
      const beforeSeq = 300 + question * 30;
      const accepted = (vector: { seq: number }) => vector.seq < beforeSeq;
      // The shortlists alone: the same messages, the latest first among equal distances.
      const inSql = await selectNearestEmbeddings(id, MODEL, signBits(query), beforeSeq, 40);
      const inMemory = nearestHeld(held!.vectors, query, accepted, 40, 40);
      expect(new Set(inMemory.keys())).toEqual(new Set(inSql.map((row) => row.seq)));
      // And the whole: the SIMILAR best of SHORTLIST, best first.
      const fromSql = await nearestMessages(id, MODEL, query, beforeSeq);
      const fromCopy = nearestHeld((await currentVectors(id, MODEL))!.vectors, query, accepted, SHORTLIST, SIMILAR);
      expect([...fromCopy.keys()]).toEqual([...fromSql.keys()]);
      for (const [seq, score] of fromCopy) expect(score).toBeCloseTo(fromSql.get(seq)!, 6);
    }
  });

  it("sees vectors replaced, deleted and added by any instance", async () => {
    await currentVectors(id, MODEL);
    // Replaced, as a change of model or a re-embedding writes it.
    const [{ seq: replaced }] = await run(`SELECT min("seq") AS seq FROM "MessageEmbedding" WHERE "conversationId" = $1`, [id]);
    const vector = random();
    await upsertEmbeddings(id, MODEL, [{ seq: replaced, signs: signBits(vector), vector: encodeVector(vector) }]);
    const held = await currentVectors(id, MODEL);
    expect(heldSimilarity(vector, [...held!.vectors].find((candidate) => candidate.seq === replaced)!)).toBeGreaterThan(0.99);
    expect(heldSeqs(held)).toEqual(await tableSeqs(id));

    // Deleted straight in the table: the count and the sum of seqs no longer match the copy.
    await run(
      `DELETE FROM "MessageEmbedding" WHERE "conversationId" = $1 AND "seq" IN (
         SELECT "seq" FROM "MessageEmbedding" WHERE "conversationId" = $1 ORDER BY "seq" DESC LIMIT 5)`,
      [id],
    );
    expect(heldSeqs(await currentVectors(id, MODEL))).toEqual(await tableSeqs(id));

    // Added again, with other vectors.
    await embedAll(id);
    expect(heldSeqs(await currentVectors(id, MODEL))).toEqual(await tableSeqs(id));
  });

  it("leaves a question's copy whole while the copy is read again for the next", async () => {
    const first = await currentVectors(id, MODEL);
    const before = heldSeqs(first);
    await run(`DELETE FROM "MessageEmbedding" WHERE "conversationId" = $1 AND "seq" = $2`, [id, before[0]]);
    expect(heldSeqs(await currentVectors(id, MODEL))).toEqual(before.slice(1));
    expect(heldSeqs(first)).toEqual(before);
    await embedAll(id);
  });

  it("holds nothing of a conversation whose memory was cleared: the clear deletes its vectors", async () => {
    const cleared = await importedConversation(80);
    await embedAll(cleared);
    expect(heldSeqs(await currentVectors(cleared, MODEL))).toHaveLength((await tableSeqs(cleared)).length);
    await clearConversationMemory(cleared, "all");
    expect(await tableSeqs(cleared)).toEqual([]);
    expect(heldSeqs(await currentVectors(cleared, MODEL))).toEqual([]);
  });

  it("stores no vector for a message that a Clear memory in progress takes out of recall", async () => {
    const clearing = await importedConversation(40);
    const rows = await selectUnembedded(clearing, MODEL, 2_147_483_647, 100);
    // Clear memory's transaction, held open between its row lock and its end, as updateMemory runs it.
    await withClient(database.url(), async (client) => {
      await client.query("BEGIN");
      await client.query(`SELECT 1 FROM "Conversation" WHERE "id" = $1 FOR UPDATE`, [clearing]);
      await client.query(FORGET_RECALL, [clearing]);
      const storing = upsertEmbeddings(
        clearing,
        MODEL,
        rows.map((row) => {
          const vector = random();
          return { seq: row.seq, signs: signBits(vector), vector: encodeVector(vector) };
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await client.query("COMMIT");
      await storing;
    });
    expect(rows.length).toBeGreaterThan(30);
    expect(await tableSeqs(clearing)).toEqual([]);
  });

  it("has nothing for a conversation that does not exist", async () => {
    expect(await currentVectors("00000000-0000-4000-8000-000000000000", MODEL)).toBeNull();
  });
});
