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
    expect(await getConversation({ id })).toEqual({ ok: true, data: { conversation: null, messages: [], hasMore: false } });
    expect(await deleteConversation({ id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(other.ok && (await getConversation({ id: other.data.id })).ok).toBe(true);
  });

  it("answer unknown ids with NOT_FOUND (an empty conversation, to read) and malformed ones with INVALID_ID", async () => {
    const unknown = randomUUID();
    // A well-formed id with nothing stored may be a conversation whose first turn has not committed yet.
    expect(await getConversation({ id: unknown })).toEqual({ ok: true, data: { conversation: null, messages: [], hasMore: false } });
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
    expect(edited.ok && edited.data.preferences).toEqual({ name: "Ada Lovelace" });

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
    expect(markdown.headers.get("content-disposition")).toMatch(/^attachment; filename="my-name-is-ada-export-me\.md"$/);
    const text = await markdown.text();
    expect(text).toMatch(/^# My name is Ada\. Export me\./);
    expect(text).toContain("## You\n\nMy name is Ada. Export me.");
    expect(text).toContain("- name: Ada");

    const json = await exportOf(id, "json");
    const data = await json.json();
    expect(data.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    expect(data.memory.preferences).toEqual({ name: "Ada" });
  });

  it("answers bad requests with typed errors", async () => {
    expect((await exportOf("nope")).status).toBe(400);
    expect((await exportOf(randomUUID())).status).toBe(404);
    const badFormat = await exportOf(randomUUID(), "pdf");
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toEqual({ error: { code: "BAD_REQUEST", message: "format must be md or json." } });
  });
});
