import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { GET as events } from "@/app/api/conversations/[id]/events/route";
import type { MessageChange } from "@/lib/conversations/changes-stream";
import { pool } from "@/lib/db/client";
import { setUpAppDatabase } from "../support/app-database";
import { attach } from "../support/attachment-upload";
import { chatBody, postChat, readTurn, sendTurn } from "../support/chat";
import { pngWithoutMetadata } from "../support/sample-files";

setUpAppDatabase();

/** A tab's events stream, and the changes it has received so far. */
async function openTab(id: string, after = 0) {
  const controller = new AbortController();
  const response = await events(
    new Request(`http://localhost/api/conversations/${id}/events?after=${after}`, { signal: controller.signal }),
    {
      params: Promise.resolve({ id }),
    },
  );
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const changes = () =>
    text
      .split("\n\n")
      .filter((event) => event.startsWith("data: "))
      .map((event) => JSON.parse(event.slice(6)) as MessageChange);
  // A read that outlasted the last wait is kept for the next, so no chunk is lost.
  let pending: ReturnType<typeof reader.read> | null = null;
  /** Reads until `done` says the changes so far are enough, or `ms` pass. */
  const read = async (done: (all: MessageChange[]) => boolean, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!done(changes()) && Date.now() < deadline) {
      pending ??= reader.read();
      const chunk = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(resolve, deadline - Date.now(), null))]);
      if (!chunk) break;
      pending = null;
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    return changes();
  };
  return { read, close: () => controller.abort() };
}

describe("a conversation's events stream", () => {
  it("tells another tab of a message's files, and of those an edit keeps", async () => {
    const id = randomUUID();
    await sendTurn(id, "Hello");
    const tab = await openTab(id, 2);
    const photo = await attach(id, "photo.png", pngWithoutMetadata(3, 3));
    const notes = await attach(id, "notes.txt", Buffer.from("Milk."));
    const sent = await readTurn(await postChat({ ...chatBody(id, "Look at these"), attachments: [photo.id, notes.id] }));
    expect(sent.status).toBe(200);
    const withFiles = (all: MessageChange[]) => all.findLast((change) => change.message.seq === 3 && change.message.attachments);
    const change = withFiles(await tab.read((all) => withFiles(all) !== undefined));
    expect(change?.message.attachments?.map((file) => [file.name, file.url])).toEqual([
      ["photo.png", `/api/conversations/${id}/attachments/${photo.id}`],
      ["notes.txt", `/api/conversations/${id}/attachments/${notes.id}`],
    ]);

    // An edit that keeps one file: the new version reaches the tab with it.
    const edited = await readTurn(await postChat({ ...chatBody(id, "Just the photo"), edit: change?.message.id, keep: [photo.id] }));
    expect(edited.status).toBe(200);
    const version = (all: MessageChange[]) =>
      all.findLast((c) => c.message.seq !== 3 && c.message.role === "user" && c.message.attachments?.length === 1);
    expect(version(await tab.read((all) => version(all) !== undefined))?.message.attachments?.[0].name).toBe("photo.png");
    tab.close();
  });

  it("sends a tab only what it does not have: another tab opening on the same instance sends the others nothing", async () => {
    const id = randomUUID();
    await sendTurn(id, "First");
    await sendTurn(id, "Second");
    const first = await openTab(id);
    // In any order: the end of the last turn may be announced after the stream started watching.
    const burst = await first.read((all) => all.length >= 4);
    expect(burst.map((change) => [change.message.seq, change.message.status]).sort()).toEqual([
      [1, "complete"],
      [2, "complete"],
      [3, "complete"],
      [4, "complete"],
    ]);

    // A tab that loaded its page through position 4 has nothing to catch up on.
    const current = await openTab(id, 4);
    expect(await current.read((all) => all.length > 0, 500)).toHaveLength(0);

    // A third tab's burst is read for it alone: the first has all of it, the other has it from its page.
    const second = await openTab(id);
    expect(await second.read((all) => all.length >= 4)).toHaveLength(4);
    expect(await first.read((all) => all.length > 4, 500)).toHaveLength(4);
    expect(await current.read((all) => all.length > 0, 500)).toHaveLength(0);

    // A new turn reaches both, each message once, whole.
    await sendTurn(id, "Third");
    for (const tab of [first, second, current]) {
      const ended = (seq: number) => (all: MessageChange[]) =>
        all.some((change) => change.message.seq === seq && change.message.status === "complete");
      const all = await tab.read((changes) => ended(5)(changes) && ended(6)(changes));
      const latest = new Map(all.map((change) => [change.message.seq, change]));
      expect(latest.get(5)?.message.status).toBe("complete");
      expect(latest.get(6)?.message.status).toBe("complete");
      // Each change carries only what is new: the text sent for a message adds up to it whole.
      const third = all.filter((change) => change.message.seq === 5);
      expect(third.map((change) => change.text).join("")).toBe("Third");
    }
    for (const tab of [first, second, current]) tab.close();
  });

  it("hears a message added after it read what the tab had not seen, even before it would have watched", async () => {
    const id = randomUUID();
    await sendTurn(id, "First");
    // The turn lands just after the stream's read of what the tab has not seen, and is announced
    // before that read returns: a stream that started watching only then would miss it.
    const db = pool();
    const real = db.query.bind(db) as (...args: unknown[]) => Promise<unknown>;
    let added: Promise<unknown> | null = null;
    const query = vi.spyOn(db, "query").mockImplementation((async (...args: unknown[]) => {
      const result = await real(...args);
      if ((args[0] as { name?: string }).name === "select_unseen_message_ids" && !added) {
        query.mockRestore();
        added = sendTurn(id, "Second");
        await added;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return result;
    }) as never);
    const tab = await openTab(id, 2);
    const all = await tab.read((changes) => changes.some((change) => change.message.seq === 4 && change.message.status === "complete"));
    query.mockRestore();
    expect(added).not.toBeNull();
    expect(
      all
        .filter((change) => change.message.seq === 3)
        .map((change) => change.text)
        .join(""),
    ).toBe("Second");
    expect(all.some((change) => change.message.seq === 4 && change.message.status === "complete")).toBe(true);
    tab.close();
  });

  it("hears a reply end that is announced while the feed is reading that reply", async () => {
    const id = randomUUID();
    await sendTurn(id, "First");
    // The reply is streaming again, as if its turn were under way on another instance.
    const db = pool();
    const {
      rows: [reply],
    } = await db.query<{ id: string }>(
      `UPDATE "Message" SET "status" = 'streaming', "generator" = 'elsewhere', "updatedAt" = CURRENT_TIMESTAMP
       WHERE "conversationId" = $1 AND "seq" = 2 RETURNING "id"`,
      [id],
    );
    // The feed's first read of the reply sees it streaming; it ends, and is announced, before that read returns.
    const real = db.query.bind(db) as (...args: unknown[]) => Promise<unknown>;
    let ended = false;
    const query = vi.spyOn(db, "query").mockImplementation((async (...args: unknown[]) => {
      const result = await real(...args);
      if ((args[0] as { name?: string }).name === "select_messages_by_id" && !ended) {
        ended = true;
        query.mockRestore();
        await real(
          `WITH reply AS (UPDATE "Message" SET "status" = 'complete', "generator" = NULL WHERE "id" = $1 RETURNING "id", "conversationId")
           SELECT pg_notify('chat_events', json_build_object('conversationId', "conversationId", 'messageId', "id", 'kind', 'end')::text) FROM reply`,
          [reply.id],
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      return result;
    }) as never);
    const tab = await openTab(id, 1);
    const all = await tab.read((changes) => changes.some((change) => change.message.status === "complete"), 4_000);
    query.mockRestore();
    tab.close();
    expect(ended).toBe(true);
    expect(all.map((change) => change.message.status)).toEqual(["streaming", "complete"]);
  });
});
