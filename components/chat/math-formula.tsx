"use client";

import "katex/dist/katex.min.css";
import katex from "katex";
import { useMemo } from "react";

/** A formula longer than this shows as its TeX: no one writes one by hand, and KaTeX's cost grows with it. */
export const MATH_MAX_CHARS = 2_000;

/** Formulas rendered per message; the rest show as their TeX. */
export const MATH_MAX_PER_MESSAGE = 200;

/**
 * KaTeX's HTML and MathML for a formula, or null when it does not parse (a half-streamed formula, a
 * typo): it then shows as the TeX it is. `trust: false` refuses \href, \url, \includegraphics and HTML
 * extensions, and KaTeX escapes every text; maxExpand bounds macro expansion, maxSize any size.
 */
function formulaHtml(tex: string, display: boolean): string | null {
  if (tex.length > MATH_MAX_CHARS) return null;
  try {
    return katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      trust: false,
      strict: "ignore",
      maxExpand: 300,
      maxSize: 20,
    });
  } catch {
    return null;
  }
}

export function MathFormula({ tex, display }: { tex: string; display: boolean }) {
  const html = useMemo(() => formulaHtml(tex, display), [tex, display]);
  if (html === null) return <code className={display ? "math-source block" : "math-source"}>{tex}</code>;
  // A span either way: a display formula may sit inside a paragraph ("… $$x$$ …").
  // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX output with trust off, its text escaped
  return <span className={display ? "math math-display" : "math"} dangerouslySetInnerHTML={{ __html: html }} />;
}
