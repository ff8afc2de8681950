import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getConversation, searchConversations, switchBranch } from "@/app/actions/conversations";
import { clearMemory } from "@/app/actions/memory";
import { chatModel } from "@/lib/ai/model";
import { OfflineChatModel } from "@/lib/ai/offline-model";
import { importConversation } from "@/lib/conversations/import/import-conversations";
import { parseImport } from "@/lib/conversations/import/parse-import";
import { getPromptContext } from "@/lib/conversations/prompt-context";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import type { ChatRequest } from "@/lib/conversations/turn/chat-request";
import { startChatTurn } from "@/lib/conversations/turn/chat-turn";
import { importLimits } from "@/lib/env";
import { type MemoryBuffer, memoryBufferSchema } from "@/lib/memory/schema";
import { setUpAppDatabase } from "../support/app-database";
import { withClient } from "../support/database";

const database = setUpAppDatabase();
/** A small window, so conversations of a few turns fold into the summary and rewinding must undo folds too. */
const LIMITS = { windowTokens: 120, maxBytes: 65_536 };

async function turn(id: string, text: string, fork: ChatRequest["fork"] = null): Promise<{ replyId: string; userMessageId: string }> {
  const userMessageId = randomUUID();
  const stream = await startChatTurn(
    { conversationId: id, userMessageId, text, model: null, fork },
    { signal: new AbortController().signal, client: "test", handle: chatModel(), limits: LIMITS },
  );
  let replyId = "";
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    if (read.value.type === "error") throw new Error(read.value.errorText);
    if (read.value.type === "start") replyId = read.value.messageId ?? "";
  }
  await settleAfterTurn();
  return { replyId, userMessageId };
}

async function memoryOf(id: string): Promise<MemoryBuffer> {
  return withClient(database.url(), async (client) => {
    const { rows } = await client.query(`SELECT "memoryBuffer" FROM "Conversation" WHERE id = $1`, [id]);
    return memoryBufferSchema.parse(rows[0].memoryBuffer);
  });
}

/** Memory without what differs between two conversations that said the same: message ids, positions, and times. */
function comparable(memory: MemoryBuffer) {
  return {
    window: memory.short_term_memory.messages.map((m) => ({
      type: m.type,
      content: m.data.content,
      tokens: m.data.additional_kwargs?.tokens,
    })),
    longTerm: memory.long_term_memory,
    preferences: memory.user_preferences,
    turns: memory.stats.turns,
  };
}

async function page(id: string) {
  const result = await getConversation({ id, limit: 200 });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

const say = (i: number) =>
  [`My name is Ada ${i}.`, `I prefer tea number ${i}.`, `Let's talk about topic ${i}.`, `The lighthouse keeper counted ${i} ships.`][i % 4];

describe("branches", () => {
  it("edit: a new branch from the edited message, versions on it, and switching back shows the old one with its memory", async () => {
    const id = randomUUID();
    for (let i = 0; i < 3; i++) await turn(id, say(i));
    const before = await page(id);
    const original = before.messages[2];
    const memoryBeforeEdit = comparable(await memoryOf(id));

    await turn(id, "Let's talk about gardening instead.", { kind: "edit", messageId: original.id });
    const edited = await page(id);
    expect(edited.messages.map((m) => m.content).slice(0, 3)).toEqual([
      say(0),
      before.messages[1].content,
      "Let's talk about gardening instead.",
    ]);
    expect(edited.messages).toHaveLength(4);
    expect(edited.messages[2].versions).toEqual({ index: 2, count: 2, previous: 0, next: null });
    expect(edited.messages[0].versions).toBeUndefined();
    expect((await memoryOf(id)).user_preferences.topic).toBe("gardening instead");

    const back = await switchBranch({ id, branch: 0 });
    expect(back.ok).toBe(true);
    const shown = await page(id);
    expect(shown.branch).toBe(0);
    expect(shown.messages.map((m) => m.id)).toEqual(before.messages.map((m) => m.id));
    expect(shown.messages[2].versions).toEqual({ index: 1, count: 2, previous: null, next: edited.branch });
    expect(comparable(await memoryOf(id))).toEqual(memoryBeforeEdit);

    // The old branch goes on from where it was, and the new one keeps its own.
    await turn(id, "And one more thing on the old branch.");
    expect((await page(id)).messages).toHaveLength(8);
    expect((await switchBranch({ id, branch: edited.branch })).ok).toBe(true);
    expect((await page(id)).messages.map((m) => m.id)).toEqual(edited.messages.map((m) => m.id));
  });

  it("regenerate: a sibling reply to the same message, with memory as if that reply had been the first", async () => {
    const id = randomUUID();
    await turn(id, say(0));
    const { replyId } = await turn(id, say(1));
    const memoryAfter = comparable(await memoryOf(id));
    const { replyId: second } = await turn(id, say(1), { kind: "regenerate", messageId: replyId });
    const shown = await page(id);
    expect(shown.messages).toHaveLength(4);
    expect(shown.messages[3].id).toBe(second);
    expect(shown.messages[3].versions).toEqual({ index: 2, count: 2, previous: 0, next: null });
    expect(shown.messages[2].versions).toBeUndefined();
    // Memory is as after the first reply, with the new reply (worded anew by the offline model) in its place.
    const regenerated = comparable(await memoryOf(id));
    expect(regenerated.window.at(-1)?.type).toBe("ai");
    expect(regenerated.window.at(-1)?.content).not.toBe(memoryAfter.window.at(-1)?.content);
    expect({ ...regenerated, window: regenerated.window.slice(0, -1) }).toEqual({
      ...memoryAfter,
      window: memoryAfter.window.slice(0, -1),
    });
  });

  it("an edit at any turn leaves memory exactly as a conversation of the turns before it and the edited message (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 9 }), fc.nat(), fc.nat(), async (turns, at, variant) => {
        const k = at % turns;
        const id = randomUUID();
        const said = Array.from({ length: turns }, (_, i) => say(i + variant));
        for (const text of said) await turn(id, text);
        const target = (await page(id)).messages.filter((m) => m.role === "user")[k];
        const edit = `Actually, call me Grace ${variant}. I prefer coffee.`;
        await turn(id, edit, { kind: "edit", messageId: target.id });

        const reference = randomUUID();
        for (const text of said.slice(0, k)) await turn(reference, text);
        await turn(reference, edit);
        expect(comparable(await memoryOf(id))).toEqual(comparable(await memoryOf(reference)));
      }),
      { numRuns: 6 },
    );
  });

  it("an edit far into an imported conversation starts from its checkpoints, as a shorter import and the edited turn would", async () => {
    const transcript = Array.from({ length: 90 }, (_, i) => ({
      role: i % 2 ? ("assistant" as const) : ("user" as const),
      content: i % 2 ? `Noted, item ${i}.` : say(i / 2),
    }));
    const load = async (messages: typeof transcript) =>
      (await importConversation(parseImport({ messages }, importLimits()).conversations[0], LIMITS)).id;
    const id = await load(transcript);
    const k = 40;
    const target = (await page(id)).messages.filter((m) => m.role === "user")[k];
    await turn(id, "Call me Grace instead.", { kind: "edit", messageId: target.id });
    const reference = await load(transcript.slice(0, 2 * k));
    await turn(reference, "Call me Grace instead.");
    expect(comparable(await memoryOf(id))).toEqual(comparable(await memoryOf(reference)));
  });

  it("a conversation stored before branches existed is replayed once for an edit, and the checkpoints found are kept", async () => {
    const id = randomUUID();
    for (let i = 0; i < 80; i++) await turn(id, say(i));
    await withClient(database.url(), (client) =>
      client.query(`UPDATE "Message" SET "memoryBefore" = NULL WHERE "conversationId" = $1`, [id]),
    );
    const target = (await page(id)).messages.filter((m) => m.role === "user")[70];
    await turn(id, "My name is Grace.", { kind: "edit", messageId: target.id });
    expect((await memoryOf(id)).user_preferences.name).toBe("Grace");
    const kept = await withClient(database.url(), (client) =>
      client.query(`SELECT seq FROM "Message" WHERE "conversationId" = $1 AND "memoryBefore" IS NOT NULL ORDER BY seq`, [id]),
    );
    // Every 32nd turn on the way, the edited one, and the edit's own turn.
    expect(kept.rows.map((row) => row.seq)).toEqual([1, 65, 129, 141, 161]);
  });

  it("two tabs editing the same message at once: both branches kept, each with its own turn in its memory", async () => {
    const id = randomUUID();
    await turn(id, say(0));
    await turn(id, say(1));
    const target = (await page(id)).messages[2];
    await Promise.all([
      turn(id, "My name is Lin.", { kind: "edit", messageId: target.id }),
      turn(id, "My name is Kim.", { kind: "edit", messageId: target.id }),
    ]);
    const current = await page(id);
    expect(current.messages[2].versions?.count).toBe(3);
    const names = new Set<string>();
    for (const branch of [1, 2]) {
      expect((await switchBranch({ id, branch })).ok).toBe(true);
      const shown = await page(id);
      expect(shown.messages).toHaveLength(4);
      expect(shown.messages[3].status).toBe("complete");
      const memory = await memoryOf(id);
      names.add(memory.user_preferences.name);
      expect(memory.short_term_memory.messages.map((m) => m.data.content)).toContain(shown.messages[2].content);
    }
    expect(names).toEqual(new Set(["Lin", "Kim"]));
    const all = await withClient(database.url(), (client) =>
      client.query(`SELECT count(*)::int AS n FROM "Message" WHERE "conversationId" = $1`, [id]),
    );
    expect(all.rows[0].n).toBe(8);
  });

  it("two tabs regenerating the same reply at once, and a turn that ends after its branch was left: nothing is lost", async () => {
    const id = randomUUID();
    await turn(id, say(0));
    const { replyId } = await turn(id, say(1));
    await Promise.all([
      turn(id, say(1), { kind: "regenerate", messageId: replyId }),
      turn(id, say(1), { kind: "regenerate", messageId: replyId }),
    ]);
    expect((await page(id)).messages[3].versions?.count).toBe(3);
    // A turn on branch 2 still streaming when another tab switches to branch 1: its reply and memory go to branch 2.
    expect((await switchBranch({ id, branch: 2 })).ok).toBe(true);
    const late = await startChatTurn(
      { conversationId: id, userMessageId: randomUUID(), text: "I prefer jasmine tea.", model: null, fork: null },
      // Slow enough (20 ms a token) that the switch lands while it streams.
      { signal: new AbortController().signal, client: "test", handle: { ...chatModel(), model: new OfflineChatModel(20) }, limits: LIMITS },
    );
    expect((await switchBranch({ id, branch: 1 })).ok).toBe(true);
    const reader = late.getReader();
    while (!(await reader.read()).done);
    await settleAfterTurn();
    expect((await memoryOf(id)).user_preferences.preference).not.toBe("jasmine tea");
    expect((await switchBranch({ id, branch: 2 })).ok).toBe(true);
    const shown = await page(id);
    expect(shown.messages.map((m) => m.content).slice(4, 5)).toEqual(["I prefer jasmine tea."]);
    expect(shown.messages[5].status).toBe("complete");
    expect((await memoryOf(id)).user_preferences.preference).toBe("jasmine tea");
  });

  it("what Clear memory forgot stays forgotten: in the versions not shown, and in memory restored by a later edit", async () => {
    const id = randomUUID();
    await turn(id, "My name is Ada.");
    const { userMessageId: second } = await turn(id, "I prefer green tea.");
    const { userMessageId: third } = await turn(id, "Let's talk about gardens.");
    await turn(id, "Let's talk about roses.", { kind: "edit", messageId: third });
    expect((await clearMemory({ id, scope: "all" })).ok).toBe(true);
    expect((await memoryOf(id)).user_preferences).toEqual({});

    expect((await switchBranch({ id, branch: 0 })).ok).toBe(true);
    expect((await memoryOf(id)).user_preferences).toEqual({});
    await turn(id, "I prefer black coffee.", { kind: "edit", messageId: second });
    // Memory from before the second turn knew the name; the clear since then is applied again.
    expect((await memoryOf(id)).user_preferences).toEqual({ preference: "black coffee" });
    expect((await memoryOf(id)).short_term_memory.messages.map((m) => m.data.content)).not.toContain("My name is Ada.");
  });

  it("recall and message search see only the current branch", async () => {
    const id = randomUUID();
    await turn(id, "The secret harbour is called Vellmar.");
    for (let i = 0; i < 6; i++) await turn(id, `Filler message number ${i} about nothing in particular, to push the window on.`);
    const first = (await page(id)).messages[0];
    await turn(id, "The secret harbour is called Ostrava.", { kind: "edit", messageId: first.id });
    for (let i = 0; i < 6; i++) await turn(id, `More filler ${i} so the edited message leaves the window as well.`);

    const snippets = async () => {
      const found = await searchConversations({ ids: [id], text: "secret harbour" });
      if (!found.ok) throw new Error(found.error.message);
      return found.data.messages.map((hit) => hit.snippet.map((part) => part.text).join(""));
    };
    // The message and the offline model's reply, which quotes it; none from the other branch.
    const onEdited = await snippets();
    expect(onEdited.length).toBeGreaterThan(0);
    expect(onEdited.every((text) => text.includes("Ostrava") && !text.includes("Vellmar"))).toBe(true);
    const context = await getPromptContext(id, "What is the secret harbour called?");
    const recalled = context.messages.find((m) => m.section === "recalled")?.content ?? "";
    expect(recalled).toContain("Ostrava");
    expect(recalled).not.toContain("Vellmar");

    expect((await switchBranch({ id, branch: 0 })).ok).toBe(true);
    const onFirst = await snippets();
    expect(onFirst.length).toBeGreaterThan(0);
    expect(onFirst.every((text) => text.includes("Vellmar") && !text.includes("Ostrava"))).toBe(true);
  });

  it("refuses what cannot be branched: another conversation's message, a reply as an edit, an unknown version", async () => {
    const id = randomUUID();
    const { replyId, userMessageId } = await turn(id, say(0));
    const other = randomUUID();
    const theirs = await turn(other, say(1));
    await expect(turn(id, "x", { kind: "edit", messageId: theirs.userMessageId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(turn(id, "x", { kind: "edit", messageId: replyId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(turn(id, "not the message it answers", { kind: "regenerate", messageId: replyId })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const unknown = await switchBranch({ id, branch: 7 });
    expect(unknown).toMatchObject({ ok: false, error: { code: "VERSION_NOT_FOUND" } });
    expect((await page(id)).messages.map((m) => m.id)).toEqual([userMessageId, replyId]);
  });
});
