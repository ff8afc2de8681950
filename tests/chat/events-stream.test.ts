import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as events } from "@/app/api/conversations/[id]/events/route";
import type { MessageChange } from "@/lib/conversations/changes-stream";
import { setUpAppDatabase } from "../support/app-database";
import { sendTurn } from "../support/chat";

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
  it("sends a tab only what it does not have: another tab opening on the same instance sends the first nothing again", async () => {
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

    // The second tab's burst is read for both tabs' feed, and the first already has all of it.
    const second = await openTab(id);
    expect(await second.read((all) => all.length >= 4)).toHaveLength(4);
    expect(await first.read((all) => all.length > 4, 500)).toHaveLength(4);

    // A new turn reaches both, each message once, whole.
    await sendTurn(id, "Third");
    for (const tab of [first, second]) {
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
    first.close();
    second.close();
  });
});
