/**
 * Characters that make text display other than it reads: bidirectional embeddings, overrides and
 * isolates, directional marks, and invisible spaces and joiners (the word joiner, the byte-order mark).
 * The zero-width joiner and non-joiner stay: emoji sequences and Persian words need them.
 */
const DECEPTIVE = /[\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

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
