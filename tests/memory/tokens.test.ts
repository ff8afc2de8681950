import fc from "fast-check";
import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import { describe, expect, it } from "vitest";
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
});
