import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deleteConversation } from "@/app/actions/conversations";
import { createShareLink, getSharedConversation, readShareLink, removeShareLink } from "@/app/actions/share";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";

setUpAppDatabase();

async function shared(token: string, before?: number) {
  const result = await getSharedConversation({ token, before });
  return result;
}

describe("read-only links", () => {
  it("show the conversation up to the moment it was shared, never its id, and the same link moves on when updated", async () => {
    const id = randomUUID();
    await sendTurn(id, "My name is Ada and I plan a trip to Lisbon.");
    const created = await createShareLink({ id });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.data.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.data.throughSeq).toBe(2);

    await sendTurn(id, "This one is private: my PIN is 4321.");
    const page = await shared(created.data.token);
    if (!page.ok) throw new Error(page.error.message);
    expect(page.data.messages.map((m) => [m.seq, m.role])).toEqual([
      [1, "user"],
      [2, "assistant"],
    ]);
    expect(JSON.stringify(page.data)).not.toContain(id);
    expect(JSON.stringify(page.data)).not.toContain("4321");

    const updated = await createShareLink({ id });
    expect(updated.ok && updated.data).toMatchObject({ token: created.data.token, throughSeq: 4 });
    const later = await shared(created.data.token);
    expect(later.ok && later.data.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(await readShareLink({ id })).toMatchObject({ ok: true, data: { token: created.data.token } });
  });

  it("pages back through a long shared conversation, and no page passes the shared message", async () => {
    const id = randomUUID();
    for (let i = 0; i < 30; i++) await sendTurn(id, `Message ${i}`);
    const link = await createShareLink({ id });
    if (!link.ok) throw new Error(link.error.message);
    await sendTurn(id, "After sharing");
    const newest = await shared(link.data.token);
    if (!newest.ok) throw new Error(newest.error.message);
    expect(newest.data.messages.at(-1)?.seq).toBe(60);
    expect(newest.data.hasMore).toBe(true);
    const older = await shared(link.data.token, newest.data.messages[0].seq);
    expect(older.ok && older.data.messages.map((m) => m.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(older.ok && older.data.hasMore).toBe(false);
    // Asking past the shared message shows nothing past it.
    const past = await shared(link.data.token, 1_000);
    expect(past.ok && past.data.messages.at(-1)?.seq).toBe(60);
  });

  it("stop working when revoked or when the conversation is deleted, and each conversation has its own", async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    await sendTurn(first, "One");
    await sendTurn(second, "Two");
    const [a, b] = [await createShareLink({ id: first }), await createShareLink({ id: second })];
    if (!a.ok || !b.ok) throw new Error("not shared");
    expect(a.data.token).not.toBe(b.data.token);

    expect(await removeShareLink({ id: first })).toEqual({ ok: true, data: null });
    expect(await shared(a.data.token)).toMatchObject({ ok: false, error: { code: "SHARE_NOT_FOUND" } });
    expect(await readShareLink({ id: first })).toEqual({ ok: true, data: null });

    await deleteConversation({ id: second });
    expect(await shared(b.data.token)).toMatchObject({ ok: false, error: { code: "SHARE_NOT_FOUND" } });
  });

  it("cannot be made for a conversation that does not exist, and refuse malformed tokens", async () => {
    expect(await createShareLink({ id: randomUUID() })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    for (const token of ["", "short", "x".repeat(33), `${"a".repeat(31)}/`, "' OR 1=1 --".padEnd(32, "x")]) {
      expect(await shared(token), token).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    }
    expect(await shared("A".repeat(32))).toMatchObject({ ok: false, error: { code: "SHARE_NOT_FOUND" } });
  });
});
