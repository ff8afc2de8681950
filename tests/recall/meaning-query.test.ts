import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMON_SHARE, meaningQuery } from "@/lib/memory/meaning-query";
import { SEARCH_WORD, searchTerms } from "@/lib/memory/recall-terms";

const wordsOf = (text: string) => [...text.matchAll(SEARCH_WORD)].map((match) => match[0].toLowerCase());
const word = fc.constantFrom(
  "Priya",
  "Gideon",
  "bought",
  "car",
  "the",
  "what",
  "did",
  "Mustang",
  "wheels",
  "new",
  "Priya's",
  "ÉLODIE",
  "42",
);
const question = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => `${words.join(" ")}?`);

describe("the question as embedded for recall by meaning", () => {
  it("leaves out exactly the words in more than a third of the messages, and never every word", () => {
    fc.assert(
      fc.property(
        question,
        fc.integer({ min: 20, max: 5_000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 24, maxLength: 24 }),
        (text, messages, shares) => {
          const terms = searchTerms(text);
          const counts = terms.map((_, index) => Math.round(shares[index] * messages));
          const common = new Set(terms.filter((_, index) => counts[index] > COMMON_SHARE * messages).map((term) => term.word));
          const query = meaningQuery(text, terms, counts, messages);
          const kept = wordsOf(query);
          if (wordsOf(text).every((w) => common.has(w))) expect(query).toBe(text);
          else {
            expect(kept.filter((w) => common.has(w))).toEqual([]);
            expect(kept).toEqual(wordsOf(text).filter((w) => !common.has(w)));
          }
        },
      ),
    );
  });

  it("is the question itself in a short conversation, or when no word is common", () => {
    const text = "What did Priya buy after the move?";
    const terms = searchTerms(text);
    expect(
      meaningQuery(
        text,
        terms,
        terms.map(() => 15),
        19,
      ),
    ).toBe(text);
    expect(
      meaningQuery(
        text,
        terms,
        terms.map(() => 10),
        600,
      ),
    ).toBe(text);
  });

  it("drops a speaker's name that starts half of a dialogue's messages", () => {
    const text = "What did Priya get as her new set of wheels?";
    const terms = searchTerms(text);
    const counts = terms.map((term) => (term.word === "priya" ? 310 : 4));
    expect(meaningQuery(text, terms, counts, 600)).toBe("What did get as her new set of wheels?");
  });
});
