import hljs from "highlight.js/lib/common";

/**
 * Code longer than this is shown plain. Highlighting is a pass of regular expressions per language
 * rule, and some rules are quadratic on crafted input: 20,000 `$` as Java took 3.9 s, 2,000 about 0.07 s.
 */
export const HIGHLIGHT_MAX_CHARS = 2_000;

/** Highlighting may take this much of the main thread in a second; past it, code shows plain until the second is over. */
const BUDGET_MS_PER_SECOND = 100;

const spent = { since: Number.NEGATIVE_INFINITY, ms: 0 };

/**
 * Code as highlight.js's HTML (its text escaped, spans with classes only), or null to show it plain:
 * only a language the block names is used, never a guess, only up to HIGHLIGHT_MAX_CHARS, and only
 * while this second's budget lasts (a page of crafted blocks would otherwise add up).
 */
export function highlightCode(code: string, language: string | null): string | null {
  if (!canHighlight(code, language)) return null;
  const key = `${language}\n${code}`;
  const known = highlighted.get(key);
  if (known !== undefined) return known;
  const started = performance.now();
  if (started - spent.since > 1_000) Object.assign(spent, { since: started, ms: 0 });
  if (spent.ms >= BUDGET_MS_PER_SECOND) return null;
  const html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  spent.ms += performance.now() - started;
  highlighted.set(key, html);
  if (highlighted.size > MAX_CACHED_BLOCKS) highlighted.delete(highlighted.keys().next().value as string);
  return html;
}

/**
 * Blocks highlighted lately: a page renders a message again and again (while it streams, when the
 * budget allows a block left plain), and a block done is not paid for twice.
 */
const highlighted = new Map<string, string>();
const MAX_CACHED_BLOCKS = 200;

/** Whether `code` is ever highlighted: in a language it names and highlight.js knows, and not too long. */
export function canHighlight(code: string, language: string | null): language is string {
  return Boolean(language) && code.length <= HIGHLIGHT_MAX_CHARS && Boolean(hljs.getLanguage(language as string));
}

/** How long until this second's highlighting budget starts again. */
export function highlightBudgetResetMs(): number {
  return Math.max(0, spent.since + 1_000 - performance.now());
}
