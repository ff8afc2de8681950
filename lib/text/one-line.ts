/**
 * Characters that make text display other than it reads: bidirectional embeddings, overrides,
 * isolates and marks (Arabic's too), invisible spaces, joiners and fillers (the word joiner, the
 * byte-order mark, the soft hyphen, Hangul fillers, the Braille blank, Mongolian's vowel separator)
 * and tag characters, which hide text from the reader but not from a model. The zero-width joiner and
 * non-joiner stay: emoji sequences and Persian words need them.
 */
const DECEPTIVE =
  /\u034F|[\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u2800\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/gu;

/** Runs of white space, line and paragraph separators and control characters. */
const BREAKS = /[\s\p{Cc}]+/gu;

/**
 * Text for one line of something read as structure (a title in a list, a preference or fact in the
 * prompt's profile): a line break there would forge a heading or another entry, and a right-to-left
 * override would show "gnp.exe" as "exe.png". Linear in the text.
 */
export function oneLine(text: string): string {
  return text.replace(DECEPTIVE, "").replace(BREAKS, " ").trim();
}
