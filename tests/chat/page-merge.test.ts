import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leavesGap, mergeChanged, toChatMessage } from "@/components/chat/types";
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
 * A tab's state on one branch of `total` messages: a run it loaded or was sent, [from, to], plus maybe
 * the newest reply (it streams while the tab is far behind); and the branch's latest page of `size`
 * (more than that reply: the app's pages hold 50).
 */
const states = fc
  .record({
    total: fc.integer({ min: 1, max: 400 }),
    size: fc.integer({ min: 2, max: 60 }),
    a: fc.nat(),
    b: fc.nat(),
    newest: fc.boolean(),
  })
  .map(({ total, size, a, b, newest }) => {
    const from = 1 + (a % total);
    const to = from + (b % (total - from + 1));
    const shown = range(from, to);
    if (newest && to < total) shown.push(view(total));
    const oldest = Math.max(1, total - size + 1);
    return { total, shown: shown.map(toChatMessage), page: { messages: range(oldest, total), hasMore: oldest > 1 } };
  });

describe("a page fetched again, merged into what a tab shows", () => {
  it("is merged only when that leaves no message out between what is shown and the page (property)", () => {
    fc.assert(
      fc.property(states, ({ shown, page }) => {
        if (leavesGap(shown, page)) return;
        const seqs = mergeChanged(shown, page.messages).map((message) => message.metadata?.seq ?? 0);
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0] + i));
      }),
      { numRuns: 2_000 },
    );
  });

  it("replaces what is shown in the case it is for: a tab of 4 messages told to reload once there are 300", () => {
    const shown = range(1, 4).map(toChatMessage);
    expect(leavesGap(shown, { messages: range(251, 300), hasMore: true })).toBe(true);
    expect(leavesGap([...shown, toChatMessage(view(300))], { messages: range(251, 300), hasMore: true })).toBe(true);
    expect(leavesGap(range(1, 260).map(toChatMessage), { messages: range(251, 300), hasMore: true })).toBe(false);
    expect(leavesGap(shown, { messages: range(1, 50), hasMore: false })).toBe(false);
  });
});
