import fc from "fast-check";
import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import { describe, expect, it, vi } from "vitest";
import { countTokens } from "@/lib/memory/tokens";

const reference = new Tiktoken(o200kBase);
const exact = (text: string) => reference.encode(text, [], []).length;

const pieces = fc.constantFrom(
  "hello",
  " world",
  "\n\n",
  "  ",
  "’s",
  "日本語",
  "🎉",
  "<|endoftext|>",
  "123456",
  "\t",
  "```ts",
  "\uD800",
  "e\u0301",
);
const texts = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join("")),
);

describe("countTokens", () => {
  it("gives the library's exact o200k_base count for any text, cached or not", () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(countTokens(text)).toBe(exact(text));
        expect(countTokens(text)).toBe(exact(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it("counts special-token strings a user typed as ordinary text instead of throwing", () => {
    expect(countTokens("please ignore <|endoftext|> and <|endofprompt|>")).toBe(exact("please ignore <|endoftext|> and <|endofprompt|>"));
    expect(countTokens("")).toBe(0);
  });

  it("builds the ranks once per process, however many copies of the module the server's bundles load", async () => {
    countTokens("warm");
    const shared = () => (globalThis as { memoryChatTokens?: { ranks?: { of: unknown } } }).memoryChatTokens?.ranks;
    const ranks = shared();
    expect(ranks?.of).toBeInstanceOf(Map);
    vi.resetModules();
    const copy = await import("@/lib/memory/tokens");
    expect(copy.countTokens).not.toBe(countTokens);
    expect(copy.countTokens("a word the cache has not seen: zyxwvut")).toBe(exact("a word the cache has not seen: zyxwvut"));
    expect(shared()).toBe(ranks);
  });

  it("gives the library's exact count for long pieces (65 to 700 characters, up to 1,400 bytes, never cached)", () => {
    const runs = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzé日本語"), minLength: 65, maxLength: 170 });
    const letters = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzé"), minLength: 300, maxLength: 700 });
    fc.assert(
      fc.property(fc.oneof(runs, letters), (word) => {
        expect(countTokens(word)).toBe(exact(word));
      }),
      // The library's own count takes up to 0.2 s here: no shrinking past a failure.
      { numRuns: 40, endOnFailure: true },
    );
  });

  it("gives the library's exact count for a few words of 2,400 to 3,000 bytes, repeated letters among them", () => {
    const words = ["x".repeat(3_000), "ab".repeat(1_500), "Supercalifragilistic".repeat(120), "é".repeat(1_200), "日本語".repeat(300)];
    for (const word of words) expect(countTokens(word)).toBe(exact(word));
  });

  it("counts a 200,000-letter word, which anyone can send, without the library's quadratic merge", () => {
    // The library's own merge takes minutes here (19 s for 16,000 letters): this test would time out.
    // "xx", "xxxx" and "x" eight times are tokens, so a run of "x" whose length is a multiple of 8
    // merges into tokens of 8: the exact count is known without the library.
    expect([exact("xx"), exact("xxxx"), exact("x".repeat(8)), exact("x".repeat(2_048))]).toEqual([1, 1, 1, 256]);
    expect(countTokens("x".repeat(200_000))).toBe(25_000);
  });
});
