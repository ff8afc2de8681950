import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ANSWER_SHARE, planHitCaps, type RecallHit, rankMessages, termValues } from "@/lib/memory/recall-rank";

const TERMS = 6;
const hits = fc.array(
  fc.record({
    term: fc.integer({ min: 0, max: TERMS - 1 }),
    seq: fc.integer({ min: 1, max: 120 }),
    length: fc.integer({ min: 1, max: 300 }),
    day: fc.constantFrom("2024-01-01", "2024-01-02", "2024-02-10", "2024-03-05"),
    asks: fc.boolean(),
  }),
  { maxLength: 200 },
);
// One message has one length, day and question mark, whichever of its hits is read first.
const consistent = hits.map((list): RecallHit[] => {
  const first = new Map<number, RecallHit>();
  for (const hit of list) if (!first.has(hit.seq)) first.set(hit.seq, hit);
  return list.map((hit) => ({ ...first.get(hit.seq)!, term: hit.term }));
});
const values = fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: TERMS, maxLength: TERMS });

describe("stage one of recall", () => {
  it("ranks only messages before the window, each once, and no neighbour above the message it was lent by", () => {
    fc.assert(
      fc.property(consistent, values, fc.integer({ min: 2, max: 130 }), (list, termValue, beforeSeq) => {
        const inRange = list.filter((hit) => hit.seq < beforeSeq);
        const ranked = rankMessages(inRange, termValue, beforeSeq);
        for (const [seq, message] of ranked) {
          expect(seq).toBeGreaterThan(0);
          expect(seq).toBeLessThan(beforeSeq);
          expect(Number.isFinite(message.score)).toBe(true);
          if (!message.neighbour) continue;
          // A neighbour's own words found nothing: a message next to it, found by words, scores at least as much.
          const sources = [seq - 1, seq + 1].map((s) => ranked.get(s)).filter((m) => m && !m.neighbour);
          expect(sources.length).toBeGreaterThan(0);
          expect(Math.max(...sources.map((m) => m!.score))).toBeGreaterThanOrEqual(message.score * (1 - 1e-12));
        }
        // Every message whose words are worth something is ranked.
        for (const hit of inRange) if (termValue[hit.term] > 0) expect(ranked.has(hit.seq)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("lends the reply after a question more than the message before it", () => {
    const question: RecallHit = { term: 0, seq: 10, length: 5, day: "2024-01-01", asks: true };
    const ranked = rankMessages([question], [2], 100);
    expect(ranked.get(11)!.score / ranked.get(10)!.score).toBeCloseTo(ANSWER_SHARE);
    expect(ranked.get(11)!.score).toBeGreaterThan(ranked.get(9)!.score);
  });

  it("raises the messages of the day that holds the most of the question", () => {
    const at = (seq: number, term: number, day: string): RecallHit => ({ term, seq, length: 5, day, asks: false });
    // Same words, same length; message 50's day also holds two more of the question's words.
    const ranked = rankMessages(
      [at(20, 0, "2024-01-01"), at(50, 0, "2024-02-01"), at(52, 1, "2024-02-01"), at(54, 2, "2024-02-01")],
      [1, 1, 1],
      100,
    );
    expect(ranked.get(50)!.score).toBeGreaterThan(ranked.get(20)!.score);
    const alone = rankMessages([at(20, 0, "2024-01-01"), at(50, 0, "2024-02-01")], [1, 1, 1], 100);
    expect(ranked.get(50)!.score / ranked.get(20)!.score).toBeGreaterThan(alone.get(50)!.score / alone.get(20)!.score);
  });
});

describe("rarity from true counts", () => {
  it("is worth more the fewer messages hold a word, whatever was read of them", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        (a, b, total) => {
          const [rare, common] = termValues(
            [
              { word: "a", weight: 1 },
              { word: "b", weight: 1 },
            ],
            [Math.min(a, b), Math.max(a, b)],
            total,
          );
          expect(rare).toBeGreaterThanOrEqual(common);
          expect(common).toBeGreaterThan(0);
        },
      ),
    );
  });

  it("plans reads within the budget, never more than a term holds, rarest terms whole", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50_000 }), { maxLength: 24 }),
        fc.integer({ min: 1, max: 10_000 }),
        (counts, budget) => {
          const caps = planHitCaps(counts, budget);
          expect(caps.reduce((sum, cap) => sum + cap, 0)).toBeLessThanOrEqual(budget);
          caps.forEach((cap, term) => {
            expect(cap).toBeGreaterThanOrEqual(0);
            expect(cap).toBeLessThanOrEqual(counts[term]);
          });
          // Read whole: every term rarer than one that was read whole.
          const sorted = counts
            .map((count, term) => ({ count, term }))
            .filter((t) => t.count > 0)
            .sort((x, y) => x.count - y.count);
          let spent = 0;
          for (const { count, term } of sorted) {
            if (spent + count > budget) break;
            expect(caps[term]).toBe(count);
            spent += count;
          }
        },
      ),
    );
  });
});
