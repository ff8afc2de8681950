import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPage, leavesGap, mergeChanged, toChatMessage } from "@/components/chat/types";
import type { MessageView } from "@/lib/conversations/views";

const view = (seq: number): MessageView => ({
  id: `m${seq}`,
  seq,
  role: seq % 2 ? "user" : "assistant",
  content: `message ${seq}`,
  status: "complete",
  createdAt: new Date(0).toISOString(),
});
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => view(from + i));

/**
 * A tab's state on one branch: a run it loaded or was sent, [from, to], plus maybe the newest reply (it
 * streams while the tab is far behind), and messages that arrived after the page was read (`later`);
 * and the branch's latest page of `size` (more than that reply: the app's pages hold 50) when it had
 * `total` messages.
 */
const states = fc
  .record({
    total: fc.integer({ min: 1, max: 400 }),
    size: fc.integer({ min: 2, max: 60 }),
    a: fc.nat(),
    b: fc.nat(),
    newest: fc.boolean(),
    later: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ total, size, a, b, newest, later }) => {
    const from = 1 + (a % total);
    const to = from + (b % (total - from + 1));
    const shown = range(from, to);
    if (newest && to < total) shown.push(view(total));
    shown.push(...range(total + 1, total + later));
    const oldest = Math.max(1, total - size + 1);
    return { total, later, shown: shown.map(toChatMessage), page: { messages: range(oldest, total), hasMore: oldest > 1 } };
  });

describe("a page fetched again, applied to what a tab shows", () => {
  it("leaves no message out between what it keeps and the page, and keeps what arrived since (property)", () => {
    fc.assert(
      fc.property(states, ({ total, later, shown, page }) => {
        const seqs = applyPage(shown, page).map((message) => message.metadata?.seq ?? 0);
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0] + i));
        expect(seqs.at(-1)).toBe(total + later);
        expect(seqs[0]).toBeLessThanOrEqual(page.messages[0].seq);
      }),
      { numRuns: 2_000 },
    );
  });

  it("drops what is older only when merging would leave a gap: a tab of 4 messages told to reload once there are 300", () => {
    const shown = range(1, 4).map(toChatMessage);
    const latest = { messages: range(251, 300), hasMore: true };
    expect(leavesGap(shown, latest)).toBe(true);
    expect(applyPage([...shown, toChatMessage(view(301))], latest).map((message) => message.id)).toEqual(
      range(251, 301).map((message) => message.id),
    );
    expect(leavesGap(range(1, 260).map(toChatMessage), latest)).toBe(false);
    expect(leavesGap(shown, { messages: range(1, 50), hasMore: false })).toBe(false);
  });

  it("keeps a message's other versions when a change from the events stream, which carries none, arrives after the page", () => {
    const versions = { index: 2, count: 2, previous: 0, next: null };
    const fromPage = toChatMessage({ ...view(4), versions });
    const [merged] = mergeChanged([fromPage], [{ ...view(4), content: "message 4, final" }]);
    expect(merged.metadata?.versions).toEqual(versions);
    expect(merged.parts).toEqual([{ type: "text", text: "message 4, final" }]);
  });

  it("drops late news of a reply this tab replaced (Retry after a failure), yet takes another tab's new message", () => {
    // The failed reply (2) was read before Retry replaced it; it arrives once the retried reply (3) shows.
    const shown = [view(1), { ...view(3), id: "retried", role: "assistant" as const }].map(toChatMessage);
    const failed = { ...view(2), status: "failed" as const, content: "" };
    const merged = mergeChanged(shown, [failed, view(5)], new Set([failed.id]));
    expect(merged.map((m) => m.id)).toEqual(["m1", "retried", "m5"]);
    // Without knowing it was replaced, the same change would come back between them.
    expect(mergeChanged(shown, [failed]).map((m) => m.id)).toEqual(["m1", "m2", "retried"]);
  });
});
