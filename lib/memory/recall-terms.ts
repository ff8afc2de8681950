import { otherForms } from "./word-forms";

/** A word to search older messages for, and how much a match on it counts. */
export interface SearchTerm {
  word: string;
  weight: number;
}

/** What recall calls a word: letters and digits, with inner apostrophes, underscores and hyphens. */
export const SEARCH_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;
const SENTENCE_END = /[.!?]\s*$/;

/** The index keeps no longer lexemes (lib/db/queries/recall-queries.ts). */
const MAX_WORD_CHARS = 60;
/** Most terms searched per turn: each costs one bounded index lookup. */
export const MAX_SEARCH_TERMS = 24;
/** Of which at most this many come from the window: they only break ties. */
const MAX_CONTEXT_TERMS = 3;
/** Words of the live window searched beside the new message's own, so "and her brother?" finds who "her" is. */
const CONTEXT_WEIGHT = 0.1;
/** A name (capitalized mid-sentence) or a number says more about what to find than an ordinary word. */
const NAME_BOOST = 1.5;
const NUMBER_BOOST = 1.3;

function wordsOf(text: string, weight: number): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const match of text.matchAll(SEARCH_WORD)) {
    const word = match[0];
    // Not a word anyone asks about (a key, a hash, an unbroken run of CJK text): the index holds none.
    if (word.length > MAX_WORD_CHARS) continue;
    const before = text.slice(0, match.index);
    const startsSentence = before.trim() === "" || SENTENCE_END.test(before);
    const isName = !startsSentence && /^\p{Lu}/u.test(word);
    const isNumber = /\p{N}/u.test(word);
    terms.push({ word, weight: weight * (isName ? NAME_BOOST : 1) * (isNumber ? NUMBER_BOOST : 1) });
  }
  return terms;
}

/**
 * The terms to search for: the new message's words, their irregular forms, then the window's latest
 * messages' at a lower weight, each word once at its highest weight. Stop words are kept here and dropped by PostgreSQL's
 * English configuration, the same one that indexed the messages.
 */
export function searchTerms(text: string, context: string[] = []): SearchTerm[] {
  const best = new Map<string, SearchTerm>();
  const add = (term: SearchTerm) => {
    const key = term.word.toLowerCase();
    const known = best.get(key);
    if (!known || known.weight < term.weight) best.set(key, { word: key, weight: term.weight });
  };
  for (const term of wordsOf(text, 1)) add(term);
  const own = [...best.values()];
  // Other forms of an irregular word, after the message's own words: "buy" finds "bought".
  const formsAdded: SearchTerm[] = [];
  for (const term of own)
    for (const word of otherForms(term.word))
      if (!best.has(word)) {
        best.set(word, { word, weight: term.weight });
        formsAdded.push({ word, weight: term.weight });
      }
  for (const line of context) for (const term of wordsOf(line, CONTEXT_WEIGHT)) add(term);
  // Heavier words win, then longer ones: short words are the common ones.
  const byValue = (a: SearchTerm, b: SearchTerm) => b.weight - a.weight || b.word.length - a.word.length;
  const window = [...best.values()]
    .slice(own.length + formsAdded.length)
    .sort(byValue)
    .slice(0, MAX_CONTEXT_TERMS);
  return [...own.sort(byValue), ...formsAdded, ...window].slice(0, MAX_SEARCH_TERMS);
}
