"use client";

import "katex/dist/katex.min.css";
import katex from "katex";

/** A formula longer than this shows as its TeX: no one writes one by hand, and KaTeX's cost grows with it. */
export const MATH_MAX_CHARS = 2_000;

/** Formulas typeset per message; the rest show as their TeX. */
export const MATH_MAX_PER_MESSAGE = 200;

/** KaTeX's markup per message: past it, formulas show as their TeX (a page of ordinary formulas is far less). */
export const MATH_MAX_HTML_PER_MESSAGE = 1_000_000;

/** Cells and rows in one formula's arrays: each becomes many elements for the browser to lay out. */
const MATH_MAX_CELLS = 400;

/**
 * Macro definitions: one \def can multiply what a formula makes without bound (2,000 characters made
 * 75,000 matrix cells that held a tab for a minute), and no chat needs them.
 */
const DEFINES_MACROS =
  /\\(?:def|gdef|edef|xdef|let|futurelet|global|long|newcommand|renewcommand|providecommand|DeclareRobustCommand|expandafter|csname)(?![a-zA-Z])/;

/**
 * KaTeX's HTML and MathML for a formula, or null when it does not parse (a half-streamed formula, a
 * typo) or is refused: it then shows as the TeX it is. `trust: false` refuses \href, \url,
 * \includegraphics and HTML extensions, and KaTeX escapes every text; maxExpand bounds the built-in
 * macros' expansion, maxSize any positive size (a negative one is clipped by its message, globals.css).
 */
export function formulaHtml(tex: string, display: boolean): string | null {
  if (tex.length > MATH_MAX_CHARS || DEFINES_MACROS.test(tex)) return null;
  if ((tex.match(/&|\\\\/g)?.length ?? 0) > MATH_MAX_CELLS) return null;
  try {
    return katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      trust: false,
      strict: "ignore",
      maxExpand: 100,
      maxSize: 20,
    });
  } catch {
    return null;
  }
}

/** A typeset formula; a span either way: a display formula may sit inside a paragraph ("… $$x$$ …"). */
export function MathFormula({ html, display }: { html: string; display: boolean }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX output with trust off, its text escaped
  return <span className={display ? "math math-display" : "math"} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A formula that is not typeset, as its TeX. */
export function MathSource({ tex, display }: { tex: string; display: boolean }) {
  return <code className={display ? "math-source block" : "math-source"}>{tex}</code>;
}
