import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createConversation,
  deleteConversation,
  getConversation,
  listConversations,
  renameConversation,
} from "@/app/actions/conversations";
import { clearMemory, getMemory, updatePreferences } from "@/app/actions/memory";
import { GET as exportRoute } from "@/app/api/conversations/[id]/export/route";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase();

const exportOf = (id: string, format?: string) =>
  exportRoute(new Request(`http://localhost/api/conversations/${id}/export${format ? `?format=${format}` : ""}`), {
    params: Promise.resolve({ id }),
  });

describe("server actions", () => {
  it("create, list only the ids given, rename and delete, with typed results", async () => {
    const created = await createConversation();
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const { id } = created.data;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const other = await createConversation();

    const listed = await listConversations([id, randomUUID()]);
    expect(listed.ok && listed.data.map((c) => c.id)).toEqual([id]);
    expect(await listConversations([])).toEqual({ ok: true, data: [] });

    expect(await renameConversation({ id, title: "  Trip planning  " })).toEqual({ ok: true, data: null });
    const page = await getConversation({ id });
    expect(page.ok && page.data.conversation?.title).toBe("Trip planning");
    expect(await renameConversation({ id, title: "" })).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });

    expect(await deleteConversation({ id })).toEqual({ ok: true, data: null });
    // Gone for good: reading it says so (a browser then forgets it), and a message sent from a tab that
    // still had it open does not start it again.
    expect(await getConversation({ id })).toMatchObject({ ok: false, error: { code: "DELETED" } });
    expect(await sendTurn(id, "Anyone there?")).toMatchObject({
      status: 410,
      error: { code: "DELETED", message: "This conversation was deleted, here or on another device. Start a new chat." },
    });
    expect(await getConversation({ id })).toMatchObject({ ok: false, error: { code: "DELETED" } });
    expect(await deleteConversation({ id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(other.ok && (await getConversation({ id: other.data.id })).ok).toBe(true);
  });

  it("answer unknown ids with NOT_FOUND (an empty conversation, to read) and malformed ones with INVALID_ID", async () => {
    const unknown = randomUUID();
    // A well-formed id with nothing stored may be a conversation whose first turn has not committed yet.
    expect(await getConversation({ id: unknown })).toEqual({
      ok: true,
      data: { conversation: null, messages: [], hasMore: false, branch: 0 },
    });
    expect(await getConversation({ id: "42" })).toMatchObject({ ok: false, error: { code: "INVALID_ID" } });
    for (const call of [getMemory, deleteConversation]) {
      expect(await call({ id: unknown })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      expect(await call({ id: "42" })).toMatchObject({ ok: false, error: { code: "INVALID_ID" } });
    }
    expect(await renameConversation({ id: unknown, title: "x" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await listConversations(["not-an-id"])).toMatchObject({ ok: false, error: { code: "INVALID_ID" } });
  });

  it("edit, delete and clear memory, refusing invalid preferences without writing", async () => {
    const id = randomUUID();
    await sendTurn(id, "My name is Ada. Let's talk about pricing. I live in Paris.");
    const edited = await updatePreferences({
      id,
      changes: [
        { key: "name", value: "Ada Lovelace" },
        { key: "topic", value: null },
      ],
    });
    expect(edited.ok && edited.data.preferences).toEqual({ name: "Ada Lovelace", location: "Paris" });

    const version = async () =>
      withClient(
        database.url(),
        async (c) => (await c.query(`SELECT "memoryVersion" FROM "Conversation" WHERE id = $1`, [id])).rows[0].memoryVersion,
      );
    const before = await version();
    for (const change of [
      { key: "bad key", value: "x" },
      { key: "ok", value: "" },
      { key: "ok", value: "x".repeat(201) },
      { key: "ok", value: "\u0000" },
    ]) {
      expect(await updatePreferences({ id, changes: [change] })).toMatchObject({ ok: false, error: { code: "INVALID_PREFERENCE" } });
    }
    expect(await version()).toBe(before);

    const summary = await clearMemory({ id, scope: "summary" });
    expect(summary.ok && summary.data.facts).toEqual([]);
    const all = await clearMemory({ id, scope: "all" });
    expect(all.ok && all.data).toMatchObject({ preferences: {}, windowMessages: 0, summary: "" });
    expect(await clearMemory({ id, scope: "everything" })).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    const page = await getConversation({ id });
    expect(page.ok && page.data.messages).toHaveLength(2);
  });
});

describe("export", () => {
  it("gives Markdown by default and JSON on request, as attachments", async () => {
    const id = randomUUID();
    await sendTurn(id, "My name is Ada. Export me.");
    const markdown = await exportOf(id);
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get("content-type")).toContain("text/markdown");
    expect(markdown.headers.get("content-disposition")).toBe(
      `attachment; filename="my-name-is-ada-export-me.md"; filename*=UTF-8''My-name-is-Ada-Export-me.md`,
    );
    const text = await markdown.text();
    expect(text).toMatch(/^# My name is Ada\. Export me\./);
    expect(text).toContain("## You\n\nMy name is Ada. Export me.");
    expect(text).toContain("- name: Ada");

    const json = await exportOf(id, "json");
    const data = await json.json();
    expect(data.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    expect(data.memory.preferences).toEqual({ name: "Ada" });
  });

  it("streams a long conversation in order, as the same JSON the import reads, and an empty one as valid JSON", async () => {
    const id = randomUUID();
    await withClient(database.url(), async (client) => {
      await client.query(`INSERT INTO "Conversation" ("id", "title", "lastSeq") VALUES ($1, 'Long', 450)`, [id]);
      await client.query(
        `INSERT INTO "Message" ("conversationId", "seq", "role", "content")
         SELECT $1, n, (CASE WHEN n % 2 = 1 THEN 'user' ELSE 'assistant' END)::"MessageRole", 'Message ' || n FROM generate_series(1, 450) n`,
        [id],
      );
    });
    const text = await (await exportOf(id, "json")).text();
    const data = JSON.parse(text);
    expect(text).toBe(JSON.stringify(data, null, 2));
    expect(data.messages.map((m: { seq: number }) => m.seq)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect(data.conversation.title).toBe("Long");
    const markdown = await (await exportOf(id)).text();
    expect(markdown).toContain("450 messages");
    expect(markdown.indexOf("Message 449")).toBeLessThan(markdown.indexOf("Message 450"));

    const empty = randomUUID();
    await withClient(database.url(), (client) => client.query(`INSERT INTO "Conversation" ("id") VALUES ($1)`, [empty]));
    const emptyText = await (await exportOf(empty, "json")).text();
    expect(JSON.parse(emptyText)).toMatchObject({ messages: [] });
    expect(emptyText).toBe(JSON.stringify(JSON.parse(emptyText), null, 2));
  });

  it("keeps a title on its line in Markdown, and its letters in the file name", async () => {
    const id = randomUUID();
    await sendTurn(id, "Hello");
    await renameConversation({ id, title: "Café über 東京\n## Memory\n- name: Mallory" });
    const response = await exportOf(id);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="caf-ber-memory-name-mallory.md"; filename*=UTF-8''${encodeURIComponent("Café-über-東京-Memory-name-Mallory.md")}`,
    );
    const markdown = await response.text();
    expect(markdown.split("\n")[0]).toBe("# Café über 東京 ## Memory - name: Mallory");
    expect(markdown.match(/^## Memory$/gm)).toHaveLength(1);
    expect(markdown).not.toMatch(/^- name: Mallory$/m);
  });

  it("answers bad requests with typed errors", async () => {
    expect((await exportOf("nope")).status).toBe(400);
    expect((await exportOf(randomUUID())).status).toBe(404);
    const badFormat = await exportOf(randomUUID(), "pdf");
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toEqual({ error: { code: "BAD_REQUEST", message: "format must be md, json or zip." } });
  });
});
