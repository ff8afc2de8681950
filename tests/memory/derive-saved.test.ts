import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countTokens } from "@/lib/memory/tokens";
import { type Contribution, deriveSaved, MAX_SOURCE_ITEMS } from "@/lib/saved-memories/derive-saved";
import { applySavedChange, noEdits, type SavedEdits } from "@/lib/saved-memories/saved-edits";
import { SAVED_NOTE, savedProfileLines } from "@/lib/saved-memories/saved-profile";

const NOW = new Date("2026-12-07T12:00:00.000Z");
const time = fc.integer({ min: -400, max: 30 }).map((minutes) => new Date(NOW.getTime() + minutes * 60_000).toISOString());
const key = fc.constantFrom("name", "work", "location", "preference");
const value = fc.constantFrom("Ada", "Bea", "Rome", "Paris", "tea");

const contribution = (id: number): fc.Arbitrary<Contribution> =>
  fc.array(fc.record({ key, value, at: time, private: fc.boolean() }), { maxLength: 4 }).map((said) => {
    const preferences: Record<string, string> = {};
    const notes: Record<string, { at: string; seq: number; private?: true }> = {};
    for (const item of said) {
      preferences[item.key] = item.value;
      notes[item.key] = { at: item.at, seq: 1, ...(item.private && { private: true as const }) };
    }
    return {
      conversationId: `c${id}`,
      title: `Chat ${id}`,
      preferences,
      facts: [],
      learned: { preferences: notes, facts: {} },
      fallbackAt: NOW.toISOString(),
    };
  });

const contributions = fc.tuple(contribution(1), contribution(2), contribution(3));

describe("saved memories, derived", () => {
  it("hold one item per preference, the latest public statement, never dated after now, none private", () => {
    fc.assert(
      fc.property(contributions, (given) => {
        const saved = deriveSaved(given, noEdits(), NOW);
        const slots = saved.map((item) => `${item.kind}:${item.key}`);
        expect(new Set(slots).size).toBe(slots.length);
        for (const item of saved) {
          expect(item.at <= NOW.toISOString()).toBe(true);
          const candidates = given.flatMap((c) => {
            const note = c.learned?.preferences[item.key];
            return note && !note.private && c.preferences[item.key] !== undefined
              ? [note.at > NOW.toISOString() ? NOW.toISOString() : note.at]
              : [];
          });
          expect(item.at).toBe(candidates.sort().at(-1));
        }
        const publicKeys = new Set(
          given.flatMap((c) => Object.entries(c.learned?.preferences ?? {}).flatMap(([k, n]) => (n.private ? [] : [k]))),
        );
        expect(new Set(saved.map((item) => item.key))).toEqual(publicKeys);
      }),
    );
  });

  it("forgetting removes what was said until then, everywhere; a later statement or an edit by hand wins", () => {
    fc.assert(
      fc.property(contributions, key, value, (given, forgotten, typed) => {
        let edits: SavedEdits = applySavedChange(noEdits(), { op: "forget", kind: "preference", key: forgotten }, NOW);
        expect(deriveSaved(given, edits, NOW).some((item) => item.key === forgotten)).toBe(false);
        edits = applySavedChange(edits, { op: "set-preference", key: forgotten, text: typed }, new Date(NOW.getTime() + 1));
        expect(deriveSaved(given, edits, NOW).find((item) => item.key === forgotten)).toMatchObject({ text: typed, source: null });
        edits = applySavedChange(edits, { op: "forget-all" }, new Date(NOW.getTime() + 2));
        expect(deriveSaved(given, edits, NOW)).toEqual([]);
      }),
    );
  });

  it("look at MAX_SOURCE_ITEMS items at most, from the first conversations given", () => {
    const many: Contribution = {
      conversationId: "big",
      title: "Big",
      preferences: {},
      facts: Array.from({ length: 50 }, (_, i) => `User said: fact ${i}`),
      fallbackAt: NOW.toISOString(),
    };
    const all = Array.from({ length: 200 }, (_, i) => ({ ...many, conversationId: `c${i}`, facts: many.facts.map((f) => `${f} of ${i}`) }));
    const saved = deriveSaved(all, noEdits(), NOW);
    expect(saved).toHaveLength(MAX_SOURCE_ITEMS);
    expect(saved.every((item) => Number(item.source?.conversationId.slice(1)) < MAX_SOURCE_ITEMS / 50)).toBe(true);
  });

  it("fill the profile's budget newest first and never pass it", () => {
    fc.assert(
      fc.property(contributions, fc.integer({ min: 20, max: 200 }), (given, budget) => {
        const saved = deriveSaved(given, noEdits(), NOW);
        const { preferences, facts, shown } = savedProfileLines(saved, budget);
        expect(shown).toEqual(saved.slice(0, shown.length));
        expect(preferences.length + facts.length).toBe(shown.length);
        const used = countTokens(SAVED_NOTE) + [...preferences, ...facts].reduce((sum, line) => sum + countTokens(line) + 1, 0);
        if (shown.length > 0) expect(used).toBeLessThanOrEqual(budget);
      }),
    );
  });
});
