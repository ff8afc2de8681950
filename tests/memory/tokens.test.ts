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

  it("builds one encoder per process, however many copies of the module the server's bundles load", async () => {
    countTokens("warm");
    const state = (globalThis as { memoryChatTokens?: { encoder?: unknown } }).memoryChatTokens;
    const encoder = state?.encoder;
    expect(encoder).toBeInstanceOf(Tiktoken);
    vi.resetModules();
    const copy = await import("@/lib/memory/tokens");
    expect(copy.countTokens).not.toBe(countTokens);
    expect(copy.countTokens("a word the cache has not seen: zyxwvut")).toBe(exact("a word the cache has not seen: zyxwvut"));
    expect((globalThis as { memoryChatTokens?: { encoder?: unknown } }).memoryChatTokens?.encoder).toBe(encoder);
  });
});
