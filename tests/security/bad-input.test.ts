import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as conversations from "@/app/actions/conversations";
import * as memory from "@/app/actions/memory";
import { GET as events } from "@/app/api/conversations/[id]/events/route";
import { POST as importRoute } from "@/app/api/conversations/import/route";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn, sendTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase();

const counts = () =>
  withClient(database.url(), async (client) => {
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM "Conversation")::int AS conversations, (SELECT count(*) FROM "Message")::int AS messages,
              (SELECT coalesce(sum("memoryVersion"), 0) FROM "Conversation")::int AS versions`,
    );
    return rows[0];
  });

const SQLISH = '\'; DROP TABLE "Message"; --';
const JSONB_CRAFTED = ['{"user_preferences":{}}', 'topic"}, "x": {"', "a->>b", "@>", "' OR '1'='1", "$.user_preferences"];
const BAD_IDS = ["", "x", "a".repeat(10_000), SQLISH, "00000000-0000-0000-0000-00000000000g", "\u0000", "\ud800", 42, null, {}, []];
const NESTING_BOMB = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;

describe("a corpus of bad input", () => {
  it("gets a typed 4xx from POST /api/chat, writes nothing, and the endpoint keeps serving", async () => {
    const id = randomUUID();
    await sendTurn(id, "A conversation that exists.");
    const before = await counts();
    const bodies: unknown[] = [
      ...BAD_IDS.map((bad) => ({ id: bad, message: chatBody(id, "x").message })),
      chatBody(id, "\u0000"),
      chatBody(id, "lone \udc00 low surrogate"),
      chatBody(id, ""),
      { id, message: { role: "user", parts: [{ type: "text", text: 42 }] } },
      { id, message: { role: "user", parts: "text" } },
      { id, message: null },
      { id, message: { role: "user", parts: [{ type: "image", url: "x" }] } },
      "null",
      "[]",
      '"string"',
      NESTING_BOMB,
      JSON.stringify({ id, message: chatBody(id, "x").message, pad: "x".repeat(10 * 1024 * 1024) }),
      // New versions: a message to branch from that is not an id, both at once, or no such message here.
      ...[SQLISH, 42, "a".repeat(10_000), { $ne: null }].map((bad) => ({ ...chatBody(id, "x"), edit: bad })),
      { ...chatBody(id, "x"), regenerate: SQLISH },
      { ...chatBody(id, "x"), edit: randomUUID(), regenerate: randomUUID() },
      { ...chatBody(id, "x"), edit: randomUUID() },
      { ...chatBody(id, "x"), regenerate: randomUUID() },
    ];
    for (const body of bodies) {
      const started = Date.now();
      const result = await readTurn(await postChat(typeof body === "string" ? body : JSON.stringify(body)));
      expect(result.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(result.status).toBeLessThan(500);
      expect(result.error?.code).toMatch(/^(INVALID_ID|INVALID_MESSAGE|BAD_REQUEST|PAYLOAD_TOO_LARGE|MESSAGE_TOO_LONG)$/);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    expect(await counts()).toEqual(before);
    expect((await sendTurn(id, "Still serving?")).error).toBeUndefined();
  });

  it("imports a message that is one 100,000-letter word, and answers the next turn, without the tokenizer's quadratic merge", async () => {
    // js-tiktoken's merge took 15 s for a 16,000-letter word and grows with the square of its length:
    // this import counts the word several times and would take many minutes (and time out). Random
    // letters, so that no cache helps.
    let word = "";
    for (let i = 0; i < 100_000; i++) word += String.fromCharCode(97 + ((i * 7919 + (i >> 3) * 104_729) % 26));
    const imported = await importRoute(
      new Request("http://localhost/api/conversations/import", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          messages: [
            { role: "user", content: word },
            { role: "assistant", content: "Noted." },
          ],
        }),
      }),
    );
    expect(imported.status).toBe(201);
    const [{ id }] = ((await imported.json()) as { conversations: { id: string }[] }).conversations;
    expect((await sendTurn(id, `And ${word.slice(0, 15_000)}?`)).status).toBe(200);
    // Its memory work after the reply counts the text too; the next test counts what was written.
    await settleAfterTurn();
  });

  it("starts a conversation only on a random (version-4) id; an existing conversation goes on whatever its id", async () => {
    const before = await counts();
    const made = ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"];
    for (const id of made) {
      const result = await readTurn(await postChat(chatBody(id, "Hello")));
      expect(result, id).toMatchObject({ status: 400, error: { code: "INVALID_ID", message: expect.stringContaining("random id") } });
    }
    // Version 4 but not of RFC 9562's variant (17th digit c) is not a UUID at all.
    expect(await readTurn(await postChat(chatBody("aaaaaaaa-aaaa-4aaa-caaa-aaaaaaaaaaaa", "Hello")))).toMatchObject({
      status: 400,
      error: { code: "INVALID_ID" },
    });
    expect(await counts()).toEqual(before);
    // The form is what is checked (docs/security.md): an id of that form is accepted however it was made, in any case.
    const shaped = "AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA";
    expect((await sendTurn(shaped, "Hello")).error).toBeUndefined();
    expect((await counts()).conversations).toBe(before.conversations + 1);
    // One stored before this rule (ids then were only checked to be UUIDs) keeps working.
    const old = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
    await withClient(database.url(), (client) => client.query(`INSERT INTO "Conversation" ("id") VALUES ($1)`, [old]));
    expect((await sendTurn(old, "Still mine?")).error).toBeUndefined();
  });

  it("gets typed errors from every server action, and writes nothing", async () => {
    const id = randomUUID();
    await sendTurn(id, "My name is Ada.");
    const before = await counts();
    const inputs: [string, (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>, unknown][] = [];
    for (const bad of BAD_IDS) {
      inputs.push(
        ["getConversation", conversations.getConversation, { id: bad }],
        ["renameConversation", conversations.renameConversation, { id: bad, title: SQLISH }],
        ["deleteConversation", conversations.deleteConversation, { id: bad }],
        ["listConversations", conversations.listConversations, [bad]],
        ["getMemory", memory.getMemory, { id: bad }],
        ["clearMemory", memory.clearMemory, { id: bad, scope: "all" }],
        ["switchBranch", conversations.switchBranch, { id: bad, branch: 1 }],
      );
    }
    for (const key of JSONB_CRAFTED) {
      inputs.push(
        ["updatePreferences", memory.updatePreferences, { id, changes: [{ key, value: "x" }] }],
        ["updatePreferences", memory.updatePreferences, { id, changes: [{ key: "topic", value: `${key}\u0000` }] }],
        ["searchConversations", conversations.searchConversations, { ids: [id], preferences: { [key]: "x" } }],
      );
    }
    inputs.push(
      ["renameConversation", conversations.renameConversation, { id, title: "\ud800" }],
      ["renameConversation", conversations.renameConversation, { id, title: "x".repeat(121) }],
      ["getConversation", conversations.getConversation, { id, limit: -1 }],
      ["getConversation", conversations.getConversation, { id, before: "1; DROP" }],
      // Positions are PostgreSQL integers: a bigger one is refused, not a 500.
      ["getConversation", conversations.getConversation, { id, before: 2 ** 40 }],
      ["clearMemory", memory.clearMemory, { id, scope: SQLISH }],
      ["switchBranch", conversations.switchBranch, { id, branch: -1 }],
      ["switchBranch", conversations.switchBranch, { id, branch: 2 ** 40 }],
      ["switchBranch", conversations.switchBranch, { id, branch: "0; DROP" }],
      ["listConversations", conversations.listConversations, Array.from({ length: 501 }, () => randomUUID())],
    );
    for (const [name, action, input] of inputs) {
      const result = await action(input);
      expect(result.ok, `${name} ${JSON.stringify(input)?.slice(0, 60)}`).toBe(false);
      expect(result.error?.code).toMatch(/^(INVALID_ID|INVALID_PREFERENCE|BAD_REQUEST)$/);
    }
    expect(await counts()).toEqual(before);
    const found = await conversations.searchConversations({ ids: [id], preferences: { name: "Ada" } });
    expect(found.ok && found.data.conversations.map((c) => c.id)).toEqual([id]);
  });

  it("gets a typed 4xx from the events stream for a bad id or position, and nothing is streamed", async () => {
    const id = randomUUID();
    const params = (value: string) => ({ params: Promise.resolve({ id: value }) });
    for (const bad of ["x", SQLISH, "a".repeat(10_000)]) {
      const response = await events(new Request(`http://localhost/api/conversations/x/events`), params(bad));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "INVALID_ID" } });
    }
    for (const after of ["-1", "abc", String(2 ** 40), "1.5", "1e400"]) {
      const response = await events(new Request(`http://localhost/api/conversations/${id}/events?after=${after}`), params(id));
      expect(response.status, after).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
    }
  });
});
