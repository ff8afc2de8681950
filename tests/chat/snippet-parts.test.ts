import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snippetParts } from "@/lib/conversations/views";

describe("a search snippet's parts", () => {
  it("keep every character of the text, drop the marks, and mark exactly what was between them", () => {
    const piece = fc.string({ unit: fc.constantFrom("a", "b", " ", "é", "\u0002", "\u0003"), maxLength: 40 });
    fc.assert(
      fc.property(piece, (snippet) => {
        const parts = snippetParts(snippet);
        expect(parts.map((part) => part.text).join("")).toBe(snippet.replaceAll("\u0002", "").replaceAll("\u0003", ""));
        expect(parts.every((part) => part.text.length > 0)).toBe(true);
      }),
    );
    expect(snippetParts("the \u0002watering\u0003 can by the \u0002greenhouse\u0003.")).toEqual([
      { text: "the ", match: false },
      { text: "watering", match: true },
      { text: " can by the ", match: false },
      { text: "greenhouse", match: true },
      { text: ".", match: false },
    ]);
  });
});
