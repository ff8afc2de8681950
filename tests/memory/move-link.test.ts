import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_MOVED, moveFragment, readMoveFragment } from "@/lib/saved-memories/move-link";

const id = fc.uuid({ version: 4 });

describe("the move link's fragment", () => {
  it("carries a browser's memory and conversation ids there and back, in order, each once", () => {
    fc.assert(
      fc.property(fc.option(id), fc.array(id, { maxLength: 60 }), (memory, ids) => {
        expect(readMoveFragment(moveFragment({ memory, ids }))).toEqual({ memory, ids: [...new Set(ids)] });
      }),
    );
  });

  it("holds at most MAX_MOVED ids, 22 characters each", () => {
    const ids = Array.from({ length: MAX_MOVED + 20 }, () => randomUUID());
    const fragment = moveFragment({ memory: randomUUID(), ids });
    expect(readMoveFragment(fragment)?.ids).toEqual(ids.slice(0, MAX_MOVED));
    expect(fragment.length).toBeLessThan(MAX_MOVED * 22 + 40);
  });

  it("reads anything else as no move link, and leaves out ids that are not random", () => {
    for (const hash of ["", "#", "#move1", "#move1..", "#move2.a.b", "#move1.%%%.", "#move1.AAAA.", `#move1..${"A".repeat(30_000)}`]) {
      expect(readMoveFragment(hash)).toEqual(hash === "#move1.." ? { memory: null, ids: [] } : null);
    }
    // A nil id (all zero bytes) is no one's: it is left out.
    expect(readMoveFragment(`#move1.${"A".repeat(22)}.${"A".repeat(22)}`)).toEqual({ memory: null, ids: [] });
  });
});
