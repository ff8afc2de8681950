import type { RecallCandidate } from "./recall-select";
import type { SearchTerm } from "./recall-terms";

/** Names taken from the best matches, and how much a match on one counts beside the question's own words. */
const MAX_EXPANSION_TERMS = 4;
const EXPANSION_WEIGHT = 0.6;
/** How many of the best matches names are taken from. */
const SOURCES = 3;

const NAME = /(?<=[^.!?\s]\s+)\p{Lu}[\p{L}'’-]+/gu;
const NOT_NAMES = new Set(["I", "I'm", "I've", "I'll", "I'd", "Mum", "Dad", "Oh", "OK", "Ok"]);

/**
 * Second-hop terms: the names in the best matches that the question did not use. "When is my
 * sister's birthday?" finds "my sister Clara"; searching "Clara" then finds "Clara's birthday is on
 * 4 September", which never says "sister".
 */
export function expansionTerms(candidates: RecallCandidate[], scores: Map<number, number>, terms: SearchTerm[]): SearchTerm[] {
  const known = new Set(terms.map((term) => term.word.toLowerCase()));
  const best = [...candidates]
    .filter((candidate) => (scores.get(candidate.seq) ?? 0) > 0)
    .sort((a, b) => (scores.get(b.seq) ?? 0) - (scores.get(a.seq) ?? 0))
    .slice(0, SOURCES);
  const names: SearchTerm[] = [];
  for (const candidate of best) {
    for (const [name] of candidate.content.matchAll(NAME)) {
      const word = name.replace(/['’]s$/, "").toLowerCase();
      if (NOT_NAMES.has(name) || known.has(word)) continue;
      known.add(word);
      names.push({ word, weight: EXPANSION_WEIGHT });
      if (names.length === MAX_EXPANSION_TERMS) return names;
    }
  }
  return names;
}
