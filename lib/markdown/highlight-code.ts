import hljs from "highlight.js/lib/common";

/**
 * Code longer than this is shown plain: highlighting is a pass of regular expressions per language
 * rule, and a 99,000-character block took seconds with language detection.
 */
export const HIGHLIGHT_MAX_CHARS = 20_000;

/**
 * Code as highlight.js's HTML (its text escaped, spans with classes only), or null to show it plain:
 * only a language the block names is used, never a guess, and only up to HIGHLIGHT_MAX_CHARS.
 */
export function highlightCode(code: string, language: string | null): string | null {
  if (!language || code.length > HIGHLIGHT_MAX_CHARS || !hljs.getLanguage(language)) return null;
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}
