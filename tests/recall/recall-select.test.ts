import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuseByRank } from "@/lib/memory/recall-rank";
import { type RecallCandidate, recalledSection, selectRecalled } from "@/lib/memory/recall-select";
import { MAX_SEARCH_TERMS, searchTerms } from "@/lib/memory/recall-terms";
import { countTokens, MESSAGE_OVERHEAD_TOKENS } from "@/lib/memory/tokens";
import { otherForms } from "@/lib/memory/word-forms";

const WORDS = ["lisbon", "birthday", "clara", "budget", "dentist", "tuesday", "the", "and", "42", "flat"];

const candidates = fc
  .uniqueArray(
    fc.record({
      seq: fc.integer({ min: 1, max: 400 }),
      role: fc.constantFrom("user" as const, "assistant" as const),
      content: fc.oneof(
        fc.array(fc.constantFrom(...WORDS, "Hello.", "Why?", "\n\n"), { maxLength: 60 }).map((words) => words.join(" ")),
        fc.string({ maxLength: 3_000, unit: "grapheme" }),
      ),
      createdAt: fc.date({ min: new Date("2020-01-01"), max: new Date("2026-01-01"), noInvalidDate: true }),
      score: fc.double({ min: 0, max: 20, noNaN: true }),
      foundBy: fc.constantFrom("words" as const, "meaning" as const, "neighbour" as const),
    }),
    { selector: (candidate) => candidate.seq, maxLength: 60 },
  )
  .map((list): RecallCandidate[] => list.filter((c) => c.content.trim().length > 0));

const terms = WORDS.map((word) => ({ word, weight: 1 }));

describe("choosing what to recall", () => {
  it("never exceeds the budget, heading and day lines included, and holds each message once, in order", () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 0, max: 3_000 }), (list, budget) => {
        const chosen = selectRecalled(list, terms, budget, null);
        const seqs = chosen.map((message) => message.seq);
        expect(new Set(seqs).size).toBe(seqs.length);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(seqs.every((seq) => list.some((candidate) => candidate.seq === seq))).toBe(true);
        if (chosen.length > 0) expect(countTokens(recalledSection(chosen)) + MESSAGE_OVERHEAD_TOKENS).toBeLessThanOrEqual(budget);
      }),
      { numRuns: 300 },
    );
  });

  it("stays within the budget when dates follow the conversation, where the lines' own counts are trusted", () => {
    const inOrder = candidates.map((list) =>
      list.map((candidate) => ({ ...candidate, createdAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(candidate.seq / 7) * 86_400_000) })),
    );
    fc.assert(
      fc.property(inOrder, fc.integer({ min: 0, max: 3_000 }), (list, budget) => {
        const chosen = selectRecalled(list, terms, budget, null);
        if (chosen.length > 0) expect(countTokens(recalledSection(chosen)) + MESSAGE_OVERHEAD_TOKENS).toBeLessThanOrEqual(budget);
      }),
      { numRuns: 300 },
    );
  });

  it("counts the section itself when dates out of order repeat a day's line, dropping the weakest to fit", () => {
    const day = (d: number) => new Date(Date.UTC(2024, 0, d, 12));
    const line = (seq: number, createdAt: Date, word: string): RecallCandidate => ({
      seq,
      role: "user",
      content: `About ${word}, a note long enough to cost a few tokens of the budget.`,
      createdAt,
      score: 1 + WORDS.indexOf(word) / 4,
      foundBy: "words",
    });
    // Days A, B, A: the section repeats A's line, which the lines' own counts did not include.
    const list = [line(10, day(1), "lisbon"), line(20, day(2), "clara"), line(30, day(1), "flat")];
    const all = selectRecalled(list, terms, 10_000, null);
    expect(all.map((message) => message.seq)).toEqual([10, 20, 30]);
    const whole = countTokens(recalledSection(all)) + MESSAGE_OVERHEAD_TOKENS;
    const tight = selectRecalled(list, terms, whole - 1, null);
    expect(tight.length).toBeLessThan(3);
    expect(countTokens(recalledSection(tight)) + MESSAGE_OVERHEAD_TOKENS).toBeLessThanOrEqual(whole - 1);
  });

  it("recalls nothing when nothing matches", () => {
    fc.assert(
      fc.property(candidates, (list) => {
        const unmatched = list.map((candidate) => ({ ...candidate, score: 0 }));
        expect(selectRecalled(unmatched, terms, 1_000, null)).toEqual([]);
      }),
    );
  });

  it("prefers the message holding the kind of answer asked for", () => {
    const at = new Date("2024-03-01T10:00:00Z");
    const list: RecallCandidate[] = [
      { seq: 10, role: "user", content: "My sister Clara loves the sea.", createdAt: at, score: 1, foundBy: "words" },
      { seq: 200, role: "user", content: "My sister has a new job at the bank, she loves it.", createdAt: at, score: 1, foundBy: "words" },
    ];
    const budget = countTokens(recalledSection(selectRecalled(list, terms, 10_000, null).slice(0, 1))) + 12;
    expect(selectRecalled(list, terms, budget, "name").map((message) => message.seq)).toEqual([10]);
    expect(selectRecalled(list, terms, budget, null).map((message) => message.seq)).toEqual([200]);
  });
});

describe("fusing the ranking by words with the ranking by meaning", () => {
  const scores = fc
    .dictionary(fc.integer({ min: 1, max: 500 }).map(String), fc.integer({ min: 0, max: 5_000 }))
    .map((record) => new Map(Object.entries(record).map(([seq, score]) => [Number(seq), score])));

  it("goes by place, not score: any rescaling of either ranking gives the same result", () => {
    fc.assert(
      fc.property(scores, scores, fc.double({ min: 0.01, max: 100, noNaN: true }), (words, meaning, scale) => {
        const fused = fuseByRank([
          { scores: words, weight: 0.5 },
          { scores: meaning, weight: 0.5 },
        ]);
        const rescaled = fuseByRank([
          { scores: words, weight: 0.5 },
          { scores: new Map([...meaning].map(([seq, score]) => [seq, score * scale + 3])), weight: 0.5 },
        ]);
        expect(new Set(fused.keys())).toEqual(new Set([...words.keys(), ...meaning.keys()]));
        for (const [seq, score] of fused) expect(rescaled.get(seq)).toBeCloseTo(score, 12);
      }),
    );
  });

  it("puts first a message both rankings put first", () => {
    fc.assert(
      fc.property(scores, scores, (words, meaning) => {
        const top = 1_000;
        words.set(top, 1e9);
        meaning.set(top, 1e9);
        const fused = fuseByRank([
          { scores: words, weight: 0.5 },
          { scores: meaning, weight: 0.5 },
        ]);
        expect(Math.max(...fused.values())).toBe(fused.get(top));
      }),
    );
  });
});

describe("search terms", () => {
  it("are unique, bounded, and put the message's own words before the window's", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.array(fc.string({ maxLength: 300 }), { maxLength: 3 }), (text, context) => {
        const found = searchTerms(text, context);
        const words = found.map((term) => term.word);
        expect(new Set(words).size).toBe(words.length);
        expect(found.length).toBeLessThanOrEqual(MAX_SEARCH_TERMS);
        const own = new Set(searchTerms(text).map((term) => term.word));
        const firstContext = found.findIndex((term) => !own.has(term.word));
        if (firstContext >= 0) expect(found.slice(firstContext).every((term) => !own.has(term.word))).toBe(true);
      }),
    );
  });
});

describe("irregular word forms", () => {
  it("join both ways, and a question's irregular word is searched in every form after its own words", () => {
    fc.assert(
      fc.property(fc.constantFrom("buy", "bought", "went", "go", "children", "saw", "wrote", "people", "left"), (word) => {
        for (const form of otherForms(word)) expect(otherForms(form)).toContain(word);
        const found = searchTerms(`What about the ${word} then?`).map((term) => term.word);
        expect(new Set(found).size).toBe(found.length);
        expect(found.indexOf(word)).toBeLessThan(found.indexOf(otherForms(word)[0]));
        for (const form of otherForms(word)) expect(found).toContain(form);
      }),
    );
    expect(otherForms("painted")).toEqual([]);
  });
});
