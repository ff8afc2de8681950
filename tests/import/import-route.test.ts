import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { updatePreferences } from "@/app/actions/memory";
import { GET as contextRoute } from "@/app/api/conversations/[id]/context/route";
import { GET as exportRoute } from "@/app/api/conversations/[id]/export/route";
import { POST as importRoute } from "@/app/api/conversations/import/route";
import type { ImportedSummary } from "@/lib/conversations/import/import-conversations";
import type { PromptContextView } from "@/lib/conversations/views";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase({ IMPORT_MAX_BYTES: String(55 * 1024 * 1024) });

const post = (body: string, headers: Record<string, string> = {}) =>
  importRoute(
    new Request("http://localhost/api/conversations/import", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
  );

async function imported(body: unknown): Promise<ImportedSummary[]> {
  const response = await post(JSON.stringify(body));
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { conversations: ImportedSummary[] }).conversations;
}

const rows = (sql: string, values: unknown[] = []) => withClient(database.url(), async (client) => (await client.query(sql, values)).rows);
const counts = async () =>
  (await rows(`SELECT (SELECT count(*) FROM "Conversation")::int AS c, (SELECT count(*) FROM "Message")::int AS m`))[0];

const seen = async (id: string, message: string) =>
  (await (
    await contextRoute(new Request(`http://localhost/api/conversations/${id}/context?message=${encodeURIComponent(message)}`), {
      params: Promise.resolve({ id }),
    })
  ).json()) as PromptContextView;

function transcript(count: number, first = "My grandmother's farm is in Alentejo, near the town of Mértola.") {
  const start = Date.parse("2024-01-01T09:00:00Z");
  return {
    title: "A long chat",
    messages: Array.from({ length: count }, (_, i) => ({
      role: i % 2 === 0 ? "user" : "assistant",
      content: i === 0 ? first : `Message ${i} about ${["books", "the weather", "cooking", "work"][i % 4]}, and nothing else of note.`,
      createdAt: new Date(start + i * 60_000).toISOString(),
    })),
  };
}

describe("POST /api/conversations/import", () => {
  it("imports a transcript as if its turns had happened: positions, dates, memory, recall", async () => {
    const [summary] = await imported(transcript(600));
    expect(summary).toMatchObject({ title: "A long chat", messages: 600 });
    const stored = await rows(
      `SELECT seq, role, "createdAt", recall IS NOT NULL AS indexed FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`,
      [summary.id],
    );
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(stored[1]).toMatchObject({ role: "assistant", createdAt: new Date("2024-01-01T09:01:00Z") });
    const [conversation] = await rows(`SELECT "lastSeq", "recallIndexedSeq", "memoryBuffer" FROM "Conversation" WHERE id = $1`, [
      summary.id,
    ]);
    const window = conversation.memoryBuffer.short_term_memory.messages;
    expect(conversation.lastSeq).toBe(600);
    expect(window.at(-1).data.additional_kwargs.seq).toBe(600);
    expect(conversation.memoryBuffer.long_term_memory.summarized_messages).toBe(600 - window.length);
    // Every message is indexed, for search; recall reads only those before the window.
    expect(conversation.recallIndexedSeq).toBe(600);
    expect(stored.filter((r) => r.indexed)).toHaveLength(600);

    const prompt = await seen(summary.id, "Where is my grandmother's farm?");
    expect(prompt.messages.find((m) => m.section === "recalled")?.content).toContain(
      "\n2024-01-01\n#1 user: My grandmother's farm is in Alentejo",
    );
  });

  it("round-trips this app's JSON export: the same messages, title and preferences", async () => {
    const id = randomUUID();
    await sendTurn(id, "Hello, my name is Ada. I prefer short answers.");
    await sendTurn(id, "What should I read next?");
    await updatePreferences({ id, changes: [{ key: "city", value: "Lisbon" }] });
    const exported = await (await exportRoute(new Request(`http://localhost/x?format=json`), { params: Promise.resolve({ id }) })).json();

    const [copy] = await imported(exported);
    const again = await (
      await exportRoute(new Request(`http://localhost/x?format=json`), { params: Promise.resolve({ id: copy.id }) })
    ).json();
    const comparable = (data: typeof exported) =>
      data.messages.map(({ seq, role, content, status, createdAt }: Record<string, unknown>) => ({
        seq,
        role,
        content,
        status,
        createdAt,
      }));
    expect(comparable(again)).toEqual(comparable(exported));
    expect(again.conversation.title).toBe(exported.conversation.title);
    expect(again.memory.preferences).toEqual(exported.memory.preferences);
    expect(again.memory.preferences).toMatchObject({ city: "Lisbon" });
  });

  it("imports the current branch of each conversation of a ChatGPT export", async () => {
    const file = JSON.parse(readFileSync("tests/import/fixtures/chatgpt-branches.json", "utf8"));
    const result = await imported(file);
    expect(result).toHaveLength(2);
    expect(result[0].title).toBe("Lisbon trip on a budget");
    const contents = await rows(`SELECT content FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`, [result[0].id]);
    expect(contents).toHaveLength(result[0].messages);
    const texts = contents.map((r) => r.content);
    // The edited question and its answer are on screen; the first version and its answer are not.
    expect(texts).toContain("Plan a 3-day trip to Lisbon in May, on a budget.");
    expect(texts).not.toContain("Plan a 3-day trip to Lisbon.");
    expect(texts.join("\n")).not.toContain("Day 1: Alfama");
  });

  it("keeps what a hostile file cannot break: emoji cut in summaries, overlong words, oversized restored memory", async () => {
    const emoji = {
      messages: Array.from({ length: 200 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: `${"😀".repeat(61)} ${i}` })),
    };
    expect((await imported(emoji))[0].messages).toBe(200);

    const long = transcript(600, `My farm is in Alentejo. ${"b".repeat(2_011)} end`);
    long.messages[599].content = `Here is my key: ${"c".repeat(2_010)}`;
    const [summary] = await imported(long);
    // Every stored vector reads back from its own text form (what a plain-text restore does).
    const [{ broken }] = await rows(
      `SELECT count(*) FILTER (WHERE recall IS NOT NULL AND recall::text::tsvector <> recall)::int AS broken FROM "Message" WHERE "conversationId" = $1`,
      [summary.id],
    );
    expect(broken).toBe(0);
    const prompt = await seen(summary.id, `Where is my farm? ${"d".repeat(2_010)}`);
    expect(prompt.messages.find((m) => m.section === "recalled")?.content).toContain("My farm is in Alentejo.");

    const id = randomUUID();
    await sendTurn(id, "Hello there.");
    const exported = await (await exportRoute(new Request(`http://localhost/x?format=json`), { params: Promise.resolve({ id }) })).json();
    exported.memory.facts = Array.from({ length: 50 }, (_, i) => `${i} ${"€".repeat(290)}`);
    exported.memory.preferences = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`key${i}`, "€".repeat(200)]));
    const [copy] = await imported(exported);
    const [{ memoryBuffer }] = await rows(`SELECT "memoryBuffer" FROM "Conversation" WHERE id = $1`, [copy.id]);
    expect(Buffer.byteLength(JSON.stringify(memoryBuffer))).toBeLessThanOrEqual(65_536);
  });

  it("skips a ChatGPT conversation with nothing to import, and says so", async () => {
    const file = JSON.parse(readFileSync("tests/import/fixtures/chatgpt-branches.json", "utf8"));
    file.push({
      title: "Only an image",
      mapping: { root: { id: "root", message: null, parent: null, children: [] } },
      current_node: "root",
    });
    const response = await post(JSON.stringify(file));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ conversations: [{}, {}], skipped: [{ title: "Only an image" }] });
  });

  const refusals: [string, () => string, number, string, RegExp][] = [
    ["a wrong shape", () => JSON.stringify({ hello: "world" }), 422, "INVALID_IMPORT", /ChatGPT conversations\.json/],
    [
      "an unknown role",
      () => JSON.stringify({ messages: [{ role: "robot", content: "hi" }] }),
      422,
      "INVALID_IMPORT",
      /messages\[1\]\.role/,
    ],
    [
      "a bad date",
      () => JSON.stringify({ messages: [{ role: "user", content: "hi", createdAt: "yesterday" }] }),
      422,
      "INVALID_IMPORT",
      /createdAt/,
    ],
    ["a NUL character", () => JSON.stringify({ messages: [{ role: "user", content: "a\u0000b" }] }), 422, "INVALID_IMPORT", /NUL/],
    ["30,000 messages", () => JSON.stringify(transcript(30_000)), 413, "IMPORT_TOO_LARGE", /30000 messages; the limit is 20000/],
    [
      "60 MB",
      () => JSON.stringify({ messages: [{ role: "user", content: "x".repeat(60 * 1024 * 1024) }] }),
      413,
      "PAYLOAD_TOO_LARGE",
      /55 MB/,
    ],
    ["not JSON", () => "{ nope", 400, "BAD_REQUEST", /not valid JSON. Import ChatGPT/],
    [
      "a ChatGPT date in the future",
      () => {
        const file = JSON.parse(readFileSync("tests/import/fixtures/chatgpt-branches.json", "utf8"));
        for (const node of Object.values(file[0].mapping as Record<string, { message?: { create_time?: number } }>)) {
          if (node.message) node.message.create_time = 253_402_300_799;
        }
        return JSON.stringify(file);
      },
      422,
      "INVALID_IMPORT",
      /invalid create_time/,
    ],
  ];
  for (const [name, body, status, code, message] of refusals) {
    it(`refuses ${name} with ${code}, writing nothing`, async () => {
      const before = await counts();
      const response = await post(body());
      expect(response.status).toBe(status);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(await counts()).toEqual(before);
    });
  }

  it("refuses a ChatGPT export whose second conversation is broken, writing none of it", async () => {
    const file = JSON.parse(readFileSync("tests/import/fixtures/chatgpt-branches.json", "utf8"));
    const node = Object.values(file[1].mapping as Record<string, { message?: { author: { role: string } } }>).find((n) => n.message)!;
    node.message!.author.role = "robot";
    const before = await counts();
    const response = await post(JSON.stringify(file));
    expect(response.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("refuses a cross-site request", async () => {
    const response = await post(JSON.stringify(transcript(2)), { "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
  });
});
