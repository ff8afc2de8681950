import markdownItKatex from "@vscode/markdown-it-katex";
import type { Token } from "markdown-it";
import MarkdownIt from "markdown-it";
import remend from "remend";

// Message text as a small tree of allowed elements, for components/chat/markdown.tsx to render.
// markdown-it parses in time linear in the text (micromark, behind react-markdown, took 0.3 s for
// 6 KB of nested emphasis and overflowed the stack on 2,000 `>`), never emits raw HTML
// (html: false), refuses javascript:, vbscript:, file: and data: links, and stops nesting at
// maxNesting. Only the elements listed here are ever built: anything else renders as its text.

/** Containers deeper than this are never legitimate; a message reaching it renders as plain text. */
export const MARKDOWN_MAX_DEPTH = 16;

/**
 * A message longer than this shows as plain text without being parsed: parsing is linear, but 128 KB
 * of dense Markdown (a page's worth) still took 200 ms, and replies that long are pasted data.
 */
export const MARKDOWN_MAX_CHARS = 50_000;

/**
 * A message that parses to more tokens than this (a table of thousands of rows, say) renders as plain
 * text: each becomes an element, and 25,000 table rows took a second and a half to render.
 */
export const MARKDOWN_MAX_TOKENS = 8_000;

/**
 * Elements nested deeper than this in the tree (emphasis inside emphasis, which markdown-it's nesting
 * limit does not count) add no element: their text joins the one above, so rendering stays shallow.
 */
export const MARKDOWN_MAX_TREE_DEPTH = 2 * MARKDOWN_MAX_DEPTH;

// maxNesting is an option of markdown-it's presets that its type definitions leave out.
const options = { html: false, linkify: true, typographer: false, maxNesting: MARKDOWN_MAX_DEPTH + 2 };
// Only the plugin's parsing is used ($…$ inline, $$…$$ display, Pandoc's rules, so "$5 and $10" stays
// text); components/chat/math-formula.tsx renders the formulas.
// Its CommonJS build is its module object under Node's ESM and its default export under the bundler.
const mathRules = (markdownItKatex as unknown as { default?: typeof markdownItKatex }).default ?? markdownItKatex;
const parser = new MarkdownIt("default", options).use(mathRules);
// Only addresses with a scheme become links: not file names that are also domains ("setup.py").
parser.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
/**
 * Addresses are looked for within this many characters: linkify-it matches from every "://" to the
 * end of the text, quadratic on crafted text ("http://a/(" repeated: 4.9 s for 50,000 characters).
 * A run of text longer than this is not searched at all, and an address that reaches it is not linked.
 */
export const LINKIFY_MAX_CHARS = 1_000;
const findsLinks = parser.linkify.test.bind(parser.linkify);
parser.linkify.test = (text: string) => text.length <= LINKIFY_MAX_CHARS && findsLinks(text);
const linkAtStart = parser.linkify.matchAtStart.bind(parser.linkify);
parser.linkify.matchAtStart = (text: string) => {
  const head = text.slice(0, LINKIFY_MAX_CHARS);
  const link = linkAtStart(head);
  return link && link.lastIndex < head.length ? link : null;
};

export type MarkdownTag =
  | "p"
  | "h1"
  | "h2"
  | "h3"
  | "h4"
  | "h5"
  | "h6"
  | "blockquote"
  | "ul"
  | "ol"
  | "li"
  | "table"
  | "thead"
  | "tbody"
  | "tr"
  | "th"
  | "td"
  | "strong"
  | "em"
  | "s"
  | "a";

export type MarkdownNode =
  | { kind: "text"; text: string }
  | { kind: "break" }
  | { kind: "rule" }
  | { kind: "code"; text: string }
  | { kind: "codeBlock"; text: string; language: string | null }
  | { kind: "image"; src: string; alt: string }
  | { kind: "math"; tex: string; display: boolean }
  | {
      kind: "element";
      tag: MarkdownTag;
      children: MarkdownNode[] /** Absent on a link still being written. */;
      href?: string;
      start?: number;
      align?: "left" | "center" | "right";
    };

type Element = Extract<MarkdownNode, { kind: "element" }>;

/** Token types that open (`_open`) and close (`_close`) an element, by the tag they become. */
const CONTAINERS: Record<string, MarkdownTag> = {
  paragraph: "p",
  blockquote: "blockquote",
  bullet_list: "ul",
  ordered_list: "ol",
  list_item: "li",
  table: "table",
  thead: "thead",
  tbody: "tbody",
  tr: "tr",
  th: "th",
  td: "td",
  strong: "strong",
  em: "em",
  s: "s",
  link: "a",
};

const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

function tagOf(token: Token): MarkdownTag | null {
  if (token.type === "heading_open" && HEADINGS.has(token.tag)) return token.tag as MarkdownTag;
  return CONTAINERS[token.type.replace(/_open$/, "")] ?? null;
}

function alignOf(token: Token): Element["align"] {
  const match = /text-align:(left|center|right)/.exec(token.attrGet("style") ?? "");
  return match ? (match[1] as Element["align"]) : undefined;
}

/** Where remend points a link whose address has not arrived yet: it renders as its text. */
const INCOMPLETE_LINK = "streamdown:incomplete-link";

function openElement(token: Token, tag: MarkdownTag): Element {
  const element: Element = { kind: "element", tag, children: [] };
  if (tag === "a") {
    const href = token.attrGet("href") ?? "";
    if (href !== INCOMPLETE_LINK) element.href = href;
  }
  if (tag === "ol") {
    const start = Number(token.attrGet("start") ?? 1);
    if (Number.isSafeInteger(start) && start !== 1) element.start = start;
  }
  if (tag === "th" || tag === "td") element.align = alignOf(token);
  return element;
}

/** A leaf for a token that opens nothing; null for one that adds nothing (a closing token). */
function leafOf(token: Token): MarkdownNode | null {
  switch (token.type) {
    case "text":
      return { kind: "text", text: token.content };
    case "softbreak":
      return { kind: "text", text: "\n" };
    case "hardbreak":
      return { kind: "break" };
    case "hr":
      return { kind: "rule" };
    case "code_inline":
      return { kind: "code", text: token.content };
    case "fence":
    case "code_block":
      return { kind: "codeBlock", text: token.content, language: token.info.trim().split(/\s+/)[0] || null };
    case "math_inline":
      return { kind: "math", tex: token.content, display: false };
    case "math_block":
    case "math_inline_block":
      return { kind: "math", tex: token.content, display: true };
    case "image":
      return { kind: "image", src: token.attrGet("src") ?? "", alt: token.children?.map((child) => child.content).join("") ?? "" };
    default:
      return token.nesting === 0 && token.content ? { kind: "text", text: token.content } : null;
  }
}

/** Flat tokens (each with nesting +1, 0 or -1) as a tree, with a stack rather than recursion. */
function toTree(tokens: Token[]): MarkdownNode[] {
  const root: Element = { kind: "element", tag: "p", children: [] };
  const stack: Element[] = [root];
  const visit = (list: Token[]) => {
    for (const token of list) {
      const top = stack[stack.length - 1];
      if (token.type === "inline") {
        visit(token.children ?? []);
      } else if (token.nesting === 1) {
        const tag = tagOf(token);
        // A tight list's paragraphs are hidden: their text goes straight into the item.
        const element = tag && !token.hidden && stack.length <= MARKDOWN_MAX_TREE_DEPTH ? openElement(token, tag) : null;
        if (element) top.children.push(element);
        stack.push(element ?? top);
      } else if (token.nesting === -1) {
        if (stack.length > 1) stack.pop();
      } else {
        const leaf = leafOf(token);
        if (leaf) top.children.push(leaf);
      }
    }
  };
  visit(tokens);
  return root.children;
}

/**
 * A message as Markdown, or null to show it as the plain text it is: when it is longer than
 * MARKDOWN_MAX_CHARS, nests deeper than MARKDOWN_MAX_DEPTH (markdown-it drops what lies past its nesting limit) or has more than
 * MARKDOWN_MAX_TOKENS tokens.
 */
export function markdownTree(text: string, { typed = false, unfinished = false } = {}): MarkdownNode[] | null {
  if (text.length > MARKDOWN_MAX_CHARS) return null;
  // A reply still being written (or cut off) has marks it has not closed yet: remend (Streamdown's)
  // closes them, so "**bol" shows bold rather than two stars, and a half-written link shows its text.
  // HTML is off, so remend's closing of an unfinished tag would only cut the text at its "<" ("if a<b").
  const tokens = parser.parse(unfinished ? remend(text, { inlineKatex: false, htmlTags: false, images: false }) : text, {});
  // What people type: a line break in their message is one in what they see.
  if (typed) for (const token of tokens) for (const child of token.children ?? []) if (child.type === "softbreak") child.type = "hardbreak";
  let count = 0;
  for (const token of tokens) {
    if (token.level >= MARKDOWN_MAX_DEPTH) return null;
    count += 1 + (token.children?.length ?? 0);
  }
  return count > MARKDOWN_MAX_TOKENS ? null : toTree(tokens);
}
