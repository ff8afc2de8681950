"use client";

import { createElement, memo, type ReactNode, useEffect, useMemo, useState } from "react";
import { canHighlight, HIGHLIGHT_MAX_CHARS, highlightBudgetResetMs, highlightCode } from "@/lib/markdown/highlight-code";
import { type MarkdownNode, markdownTree } from "@/lib/markdown/markdown-tree";
import { useHydrated } from "../use-hydrated";
import { CopyButton } from "./copy-button";
import { formulaHtml, MATH_MAX_HTML_PER_MESSAGE, MATH_MAX_PER_MESSAGE, MathFormula, MathSource } from "./math-formula";

/** Highlighted code per message: a reply of many large blocks shows the rest plain. */
const HIGHLIGHT_BUDGET_CHARS = 5 * HIGHLIGHT_MAX_CHARS;

const LINK_REL = "noopener noreferrer nofollow";

interface RenderBudget {
  /** Characters of code still to highlight. */
  chars: number;
  /** A block was left plain for this second's time budget only: it is highlighted once the second is over. */
  deferred: boolean;
  /** Formulas still to typeset, and characters of their markup. */
  formulas: number;
  mathHtml: number;
}

function renderNode(node: MarkdownNode, key: number, budget: RenderBudget): ReactNode {
  switch (node.kind) {
    case "text":
      return node.text;
    case "break":
      return <br key={key} />;
    case "rule":
      return <hr key={key} />;
    case "code":
      return <code key={key}>{node.text}</code>;
    case "codeBlock": {
      const html = budget.chars >= node.text.length ? highlightCode(node.text, node.language) : null;
      if (html !== null) budget.chars -= node.text.length;
      else if (budget.chars >= node.text.length && canHighlight(node.text, node.language)) budget.deferred = true;
      return (
        <figure key={key} className="code-block">
          <figcaption>
            <span>{node.language || "text"}</span>
            <CopyButton text={node.text.replace(/\n$/, "")} label="Copy code" />
          </figcaption>
          <pre>
            {html === null ? (
              <code>{node.text}</code>
            ) : (
              // highlight.js escapes the code's text and adds only spans with classes.
              // biome-ignore lint/security/noDangerouslySetInnerHtml: highlight.js output, escaped
              <code className="hljs" dangerouslySetInnerHTML={{ __html: html }} />
            )}
          </pre>
        </figure>
      );
    }
    case "math": {
      const html = budget.formulas > 0 && budget.mathHtml > 0 ? formulaHtml(node.tex, node.display) : null;
      if (html === null || html.length > budget.mathHtml) return <MathSource key={key} tex={node.tex} display={node.display} />;
      budget.formulas -= 1;
      budget.mathHtml -= html.length;
      return <MathFormula key={key} html={html} display={node.display} />;
    }
    case "image":
      // Shown as a link, never fetched: a prompt-injected model could otherwise send what it knows
      // to any server in an image's URL the moment the reply renders.
      return node.src ? (
        <a key={key} href={node.src} target="_blank" rel={LINK_REL} data-image-link>
          [image{node.alt ? `: ${node.alt}` : ""}]
        </a>
      ) : (
        <span key={key}>[image{node.alt ? `: ${node.alt}` : ""}]</span>
      );
  }
  const children = node.children.map((child, index) => renderNode(child, index, budget));
  if (node.tag === "a") {
    return node.href ? (
      <a key={key} href={node.href} target="_blank" rel={LINK_REL}>
        {children}
      </a>
    ) : (
      // A link whose address is still being written: its text, underlined, not yet a link.
      <span key={key} className="underline decoration-dotted">
        {children}
      </span>
    );
  }
  return createElement(node.tag, { key, start: node.start, style: node.align ? { textAlign: node.align } : undefined }, ...children);
}

const plain = (text: string) => <p className="whitespace-pre-wrap">{text}</p>;

/**
 * Message text as Markdown: no raw HTML, only the elements lib/markdown/markdown-tree.ts allows, code
 * highlighted only in a language it names. A message nested too deep or too intricate to be real
 * shows as plain text. The server renders plain text only (a shared page's render must not cost
 * more with what a conversation holds); the browser renders Markdown once the page is hydrated.
 */
function MarkdownView({
  text,
  rendered,
  typed = false,
  unfinished = false,
}: {
  text: string;
  rendered: boolean;
  typed?: boolean;
  unfinished?: boolean;
}) {
  // Bumped to render again once a block left plain for the time budget can be highlighted.
  const [retry, setRetry] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `retry` is the render again, once the highlighting budget allows.
  const { content, deferred } = useMemo(() => {
    if (!rendered) return { content: plain(text), deferred: false };
    const tree = markdownTree(text, { typed, unfinished });
    if (!tree) return { content: plain(text), deferred: false };
    const budget = { chars: HIGHLIGHT_BUDGET_CHARS, deferred: false, formulas: MATH_MAX_PER_MESSAGE, mathHtml: MATH_MAX_HTML_PER_MESSAGE };
    return { content: tree.map((node, index) => renderNode(node, index, budget)), deferred: budget.deferred };
  }, [text, rendered, typed, unfinished, retry]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: after a retry still refused, another is scheduled.
  useEffect(() => {
    if (!deferred) return;
    const timer = setTimeout(() => setRetry((count) => count + 1), highlightBudgetResetMs() + 50);
    return () => clearTimeout(timer);
  }, [deferred, retry]);
  return <div className="markdown break-words">{content}</div>;
}

export const MarkdownBody = memo(MarkdownView);

/** `typed`: a person's own message, whose line breaks are kept; `unfinished`: a reply still being written, or cut off. */
export function Markdown({ text, typed = false, unfinished = false }: { text: string; typed?: boolean; unfinished?: boolean }) {
  return <MarkdownBody text={text} rendered={useHydrated()} typed={typed} unfinished={unfinished} />;
}
