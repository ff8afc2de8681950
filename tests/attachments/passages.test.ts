import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentText } from "@/lib/attachments/document-prompt";
import { hasTextLayer, splitPassages } from "@/lib/attachments/passages";
import { countTokens } from "@/lib/memory/tokens";

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const page = fc.record({ page: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }), text: fc.string({ maxLength: 3_000 }) });

describe("passages", () => {
  it("keep every word of every page, in order, each passage within its length and on one page", () => {
    fc.assert(
      fc.property(fc.array(page, { maxLength: 6 }), fc.integer({ min: 40, max: 1_500 }), (pages, max) => {
        const passages = splitPassages(pages, max);
        for (const passage of passages) {
          expect(passage.text.length).toBeLessThanOrEqual(max);
          expect(passage.text.trim()).toBe(passage.text);
          expect(passage.text.length).toBeGreaterThan(0);
        }
        expect(passages.map((passage) => passage.ordinal)).toEqual(passages.map((_, i) => i));
        // Words survive; a cut inside an overlong word may split it, so compare the letters.
        const letters = (text: string) => words(text).join("");
        expect(letters(passages.map((p) => p.text).join(" "))).toBe(letters(pages.map((p) => p.text).join(" ")));
        for (const p of pages) {
          const own = passages.filter((passage) => passage.page === p.page);
          expect(own.length).toBeGreaterThanOrEqual(words(p.text).length > 0 ? 1 : 0);
        }
      }),
    );
  });

  it("tell a scan (no text at all) from a document", () => {
    expect(
      hasTextLayer([
        { page: 1, text: "" },
        { page: 2, text: "  \n" },
      ]),
    ).toBe(false);
    expect(
      hasTextLayer([
        { page: 1, text: "" },
        { page: 2, text: "Total: 42" },
      ]),
    ).toBe(true);
  });
});

describe("a document in the prompt", () => {
  it("never passes its budget, keeps the passages' order, and says how many were left out", () => {
    const passage = fc.record({
      page: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
      text: fc.string({ minLength: 1, maxLength: 400 }),
    });
    fc.assert(
      fc.property(fc.array(passage, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 2_000 }), (texts, budget) => {
        const passages = texts.map((p, ordinal) => ({ contentId: "c", ordinal, ...p }));
        const out = documentText([{ contentId: "c", name: "a.pdf", textState: "read", passages: passages.length }], passages, budget);
        const body = out.startsWith("Text of a.pdf:\n") ? out.slice("Text of a.pdf:\n".length).split("\n\n(a.pdf:")[0] : "";
        expect(countTokens(body)).toBeLessThanOrEqual(budget);
        const left = /\(a\.pdf: (\d+) of its (\d+) passages/.exec(out);
        const shown = passages.filter((p) => out.includes(p.text)).length;
        if (left) expect(Number(left[1])).toBeGreaterThanOrEqual(passages.length - shown);
        else expect(out).toContain(passages.at(-1)?.text ?? "");
      }),
    );
  });
});
