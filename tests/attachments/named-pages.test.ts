import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_NAMED_PAGES, namedPages, withoutNamedPages } from "@/lib/attachments/named-pages";

describe("namedPages", () => {
  it("reads the pages a question names", () => {
    expect(namedPages("What does page 7 say?")).toEqual([7]);
    expect(namedPages("Compare pages 12-14 with p. 3")).toEqual([12, 13, 14, 3]);
    expect(namedPages("pp. 20 to 21, and Page 5")).toEqual([20, 21, 5]);
    expect(namedPages("What is on the front page?")).toEqual([]);
    expect(namedPages("I paged 3 people; page 0 is not a page")).toEqual([]);
    // A list is a list, not a range.
    expect(namedPages("compare page 2 and 9")).toEqual([2, 9]);
    expect(namedPages("pages 3, 40 & 41")).toEqual([3, 40, 41]);
    // A number longer than a page number names no page.
    expect(namedPages("page 1000001")).toEqual([]);
  });

  it("leaves the question's other words when it takes out the pages it names", () => {
    expect(withoutNamedPages("What does page 7 say about the budget?").replace(/\s+/g, " ")).toBe("What does say about the budget?");
    expect(withoutNamedPages("Compare pp. 3-4 please").replace(/\s+/g, " ")).toBe("Compare please");
    expect(withoutNamedPages("compare page 2 and 9 on costs").replace(/\s+/g, " ")).toBe("compare on costs");
  });

  it("bounds what it returns, whatever the text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom("page ", "pages ", "p.", "pp. ", "-", " to ", " "), fc.nat(2_000_000).map(String), fc.string())),
        (pieces) => {
          const pages = namedPages(pieces.join(""));
          expect(pages.length).toBeLessThanOrEqual(MAX_NAMED_PAGES);
          expect(new Set(pages).size).toBe(pages.length);
          for (const page of pages) expect(Number.isInteger(page) && page >= 1 && page <= 100_000).toBe(true);
        },
      ),
    );
  });

  it("a named range counts each of its pages, up to the bound", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_000 }), fc.integer({ min: 0, max: 20 }), (from, length) => {
        const pages = namedPages(`pages ${from}-${from + length}`);
        expect(pages).toEqual(Array.from({ length: Math.min(length + 1, MAX_NAMED_PAGES) }, (_, i) => from + i));
      }),
    );
  });
});
