import fc from "fast-check";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown, MarkdownBody } from "@/components/chat/markdown";
import { MATH_MAX_CHARS, MATH_MAX_PER_MESSAGE } from "@/components/chat/math-formula";
import { HIGHLIGHT_MAX_CHARS, highlightCode } from "@/lib/markdown/highlight-code";
import { MARKDOWN_MAX_TOKENS, MARKDOWN_MAX_TREE_DEPTH, type MarkdownNode, markdownTree } from "@/lib/markdown/markdown-tree";

/** What the browser renders once hydrated. */
const html = (text: string) => renderToString(createElement(MarkdownBody, { text, rendered: true }));

function depth(nodes: MarkdownNode[]): number {
  let deepest = 0;
  const stack: [MarkdownNode, number][] = nodes.map((node) => [node, 1]);
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, level] = top;
    deepest = Math.max(deepest, level);
    if (node.kind === "element") for (const child of node.children) stack.push([child, level + 1]);
  }
  return deepest;
}

/** Text of a tree, as a reader sees it. */
function textOf(nodes: MarkdownNode[]): string {
  return nodes
    .map((node) => {
      if (node.kind === "element") return textOf(node.children);
      return "text" in node ? node.text : "";
    })
    .join("");
}

// Shapes that broke react-markdown (stack overflow, seconds of parsing) or could break a renderer.
const HOSTILE: Record<string, string> = {
  "2,000 quote markers": ">".repeat(2_000),
  "1,500 nested list markers": `${"- ".repeat(1_500)}x`,
  "500 indented list levels": Array.from({ length: 500 }, (_, i) => `${" ".repeat(i * 2)}- a`).join("\n"),
  "nested emphasis": `${"*a ".repeat(5_000)}b${" c*".repeat(5_000)}`,
  "nested brackets": `${"[".repeat(20_000)}a${"](b)".repeat(20_000)}`,
  "open backticks": `\`${"a`` ".repeat(20_000)}`,
  "nested quotes and lists": "> - ".repeat(800),
};

describe("Markdown of hostile text", () => {
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`renders ${name} without throwing, and keeps its text`, () => {
      const out = html(text);
      expect(out.length).toBeGreaterThan(0);
      const tree = markdownTree(text);
      if (tree) expect(depth(tree)).toBeLessThanOrEqual(MARKDOWN_MAX_TREE_DEPTH + 1);
      else expect(out).toContain("whitespace-pre-wrap");
    });
  }

  it("shows a message nested deeper than the limit as its plain text, whole", () => {
    const text = `${">".repeat(2_000)} the end`;
    expect(markdownTree(text)).toBeNull();
    expect(html(text)).toContain(`${"&gt;".repeat(2_000)} the end`);
  });

  it("keeps Markdown that nests as people write it", () => {
    const tree = markdownTree("> quoted\n> - a list\n>   - nested **bold**\n\n| a | b |\n|:-|-:|\n| 1 | 2 |");
    expect(tree).not.toBeNull();
    const out = html("> quoted\n> - a list\n>   - nested **bold**\n\n| a | b |\n|:-|-:|\n| 1 | 2 |");
    expect(out).toContain("<blockquote>");
    expect(out).toContain("<strong>bold</strong>");
    expect(out).toContain('<td style="text-align:right">2</td>');
  });

  it("never builds a tree deeper than the limit allows, nor loses text, for any input (property)", () => {
    const pieces = fc.constantFrom(
      ">",
      "> ",
      "- ",
      "1. ",
      "*",
      "_",
      "**",
      "`",
      "```",
      "[",
      "]",
      "(",
      ")",
      "\n",
      "  ",
      "#",
      "|",
      "a",
      "b c",
      "\\",
      "<b>",
      "~~",
      "$",
      "$$",
      "\\frac{",
      "}",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 300 }), (parts) => {
        const text = parts.join("");
        const tree = markdownTree(text);
        if (tree) expect(depth(tree)).toBeLessThanOrEqual(MARKDOWN_MAX_TREE_DEPTH + 1);
        expect(() => html(text)).not.toThrow();
      }),
      { numRuns: 1_000 },
    );
  });

  it("keeps every word of ordinary text (property)", () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), (words) => {
        const tree = markdownTree(words.join(" "));
        expect(tree && textOf(tree)).toBe(words.join(" "));
      }),
    );
  });
});

describe("Markdown's safety rules", () => {
  it("is plain text in the server's render, whatever the message holds", () => {
    const text = `| a | b |\n|-|-|\n${"| **x** | y |\n".repeat(25_000)}`;
    const out = renderToString(createElement(Markdown, { text }));
    expect(out).not.toContain("<table");
    expect(out).not.toContain("<strong");
    expect(out).toContain("| **x** | y |");
  });

  it("shows a message of more tokens than the limit as plain text", () => {
    expect(markdownTree("- item\n".repeat(MARKDOWN_MAX_TOKENS))).toBeNull();
    expect(markdownTree("- item\n".repeat(100))).not.toBeNull();
  });

  it("renders raw HTML as text, refuses script links, and shows images as links that are never fetched", () => {
    const out = html(
      '<img src=x onerror=alert(1)> [x](javascript:alert(1)) ![alt](http://127.0.0.1:9/p.png) [ok](https://example.com "t")',
    );
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(out).not.toContain('href="javascript:');
    expect(out).toMatch(
      /<a href="http:\/\/127.0.0.1:9\/p.png" target="_blank" rel="noopener noreferrer nofollow" data-image-link="true">\[image(<!-- -->)?: alt(<!-- -->)?\]<\/a>/,
    );
    expect(out).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">ok</a>');
  });

  it("highlights code only in a language it names, and only up to the size limit", () => {
    expect(highlightCode("const a = 1;", "js")).toContain('<span class="hljs-keyword">const</span>');
    expect(highlightCode("const a = 1;", null)).toBeNull();
    expect(highlightCode("const a = 1;", "no-such-language")).toBeNull();
    expect(highlightCode("x".repeat(HIGHLIGHT_MAX_CHARS + 1), "js")).toBeNull();
    expect(highlightCode("<script>alert(1)</script>", "js")).not.toContain("<script>");
    // A block with no language is never guessed at: 99,000 characters render as they are.
    const big = `\`\`\`\n${"const x = 1; // hello\n".repeat(4_500)}\`\`\``;
    const out = html(big);
    expect(out).not.toContain("hljs");
    expect(out).toContain("const x = 1; // hello");
  });
});

describe("highlighting crafted code", () => {
  it("spends at most about its budget a second, however many crafted blocks a page holds", () => {
    // Java's rules are quadratic on a run of `$`: the worst input found for highlight.js's common languages.
    // Each block its own (a block highlighted once is remembered, and costs nothing again).
    const crafted = (i: number) => `\`\`\`java\n${"$".repeat(HIGHLIGHT_MAX_CHARS - 1 - i)}\n\`\`\``;
    const started = performance.now();
    const outputs = Array.from({ length: 20 }, (_, i) => html(`${crafted(i)}\n\nBlock ${i}`));
    const elapsed = performance.now() - started;
    // Past the budget, blocks show plain: far fewer than 20 are highlighted within the second.
    const highlighted = outputs.filter((out) => out.includes("hljs")).length;
    expect(highlighted).toBeGreaterThan(0);
    expect(highlighted).toBeLessThan(20);
    expect(outputs.every((out) => out.includes("$$$$"))).toBe(true);
    // A block highlighted already shows highlighted again, the budget spent or not (a message renders again and again).
    expect(outputs[0]).toContain("hljs");
    expect(html(`${crafted(0)}\n\nBlock 0`)).toContain("hljs");
    console.log(`20 crafted blocks: ${highlighted} highlighted in ${elapsed.toFixed(0)} ms`);
  });

  it("keeps a typed message's line breaks, and joins a model's lines as Markdown does", () => {
    const paragraph = (tree: ReturnType<typeof markdownTree>) =>
      (tree![0] as { children: { kind: string }[] }).children.map((node) => node.kind);
    expect(paragraph(markdownTree("first line\nsecond line", { typed: true }))).toEqual(["text", "break", "text"]);
    expect(paragraph(markdownTree("first line\nsecond line"))).toEqual(["text", "text", "text"]);
  });
});

describe("bare addresses", () => {
  it("with a scheme become links like any other; file names, script addresses and endless ones stay text", () => {
    const out = html("See https://example.com/docs?a=1 or README.md and setup.py, and javascript:alert(1) too.");
    expect(out).toContain(
      '<a href="https://example.com/docs?a=1" target="_blank" rel="noopener noreferrer nofollow">https://example.com/docs?a=1</a>',
    );
    expect(out.match(/<a /g)).toHaveLength(1);
    expect(out).not.toContain('href="javascript:');
    // linkify-it matches from every "://" to the end: crafted runs are cut to LINKIFY_MAX_CHARS.
    const tree = markdownTree(`see http://a/${"b".repeat(1_500)}`);
    expect(tree).not.toBeNull();
    expect(JSON.stringify(tree)).not.toContain('"href"');
    expect(JSON.stringify(markdownTree(`see http://a/${"b".repeat(900)}`))).toContain('"href"');
  });
});

describe("a reply still being written", () => {
  const unfinished = (text: string) => renderToString(createElement(MarkdownBody, { text, rendered: true, unfinished: true }));

  it('keeps the text after a "<" (HTML is off: there is no tag to close)', () => {
    expect(unfinished("If a<b then the rest follows")).toContain("If a&lt;b then the rest follows");
  });

  it("closes the marks it has not closed yet, and shows a half-written link as its text", () => {
    expect(unfinished("This is **bold tex")).toContain("<strong>bold tex</strong>");
    expect(html("This is **bold tex")).toContain("**bold tex");
    expect(unfinished("Use `npm i")).toContain("<code>npm i</code>");
    const link = unfinished("See [the docs](https://exa");
    expect(link).toContain('<span class="underline decoration-dotted">the docs</span>');
    expect(link).not.toContain("href");
    expect(unfinished("It costs $5")).toContain("It costs $5");
  });

  it("renders crafted runs of unclosed marks, keeping their text", () => {
    expect(unfinished("*".repeat(49_000))).toContain("<hr/>");
    for (const text of ["_a ".repeat(16_000), "`a ".repeat(16_000), "a\n-\n".repeat(12_000), "[a](b ".repeat(8_000)]) {
      expect(unfinished(text).match(/a/g)?.length).toBeGreaterThanOrEqual(text.split("a").length - 1);
    }
  });
});

describe("math", () => {
  it("typesets $…$ inline and $$…$$ on its own, and leaves prices as text", () => {
    const out = html("Energy $E=mc^2$ and\n\n$$\n\\int_0^1 x\\,dx\n$$\n\nIt costs $5 and $10 today.");
    expect(out).toContain('class="math"');
    expect(out).toContain('class="math math-display"');
    expect(out).toContain("<math");
    expect(out).toContain('class="katex-display"');
    expect(out).toContain("It costs $5 and $10 today.");
  });

  it("shows a formula that does not parse yet (half streamed) as its TeX", () => {
    const out = html("$$\n\\frac{1}{2\n");
    expect(out).not.toContain("katex");
    expect(out).toContain('<code class="math-source block">\\frac{1}{2');
  });

  it("refuses links and HTML extensions inside formulas", () => {
    const out = html(
      "$\\href{javascript:alert(1)}{x}$ $\\url{https://example.com}$ $\\htmlClass{x}{y}$ $\\includegraphics{http://127.0.0.1:9/p.png}$",
    );
    expect(out).not.toMatch(/href="(javascript|https)/);
    expect(out).not.toContain("<img");
    expect(out).not.toContain('class="x"');
  });

  it("refuses macro definitions and huge arrays, which multiply what a short formula makes", () => {
    const cells = "&".repeat(1_500);
    for (const tex of [
      `\\def\\a{${cells}}\\def\\b{\\a\\a\\a\\a\\a}\\begin{matrix}\\b\\b\\end{matrix}`,
      "\\newcommand{\\a}{x}\\a",
      "\\let\\a=x \\a",
      `\\begin{matrix}${"a&".repeat(450)}\\end{matrix}`,
    ]) {
      const out = html(`$${tex}$`);
      expect(out).toContain("math-source");
      expect(out).not.toContain("katex");
    }
    // Ordinary arrays still typeset.
    expect(html("$\\begin{pmatrix}a & b \\\\ c & d\\end{pmatrix}$")).toContain("katex");
  });

  it("bounds what a crafted formula costs: macro bombs, deep nesting, length, count", () => {
    const bomb = `$${Array.from({ length: 12 }, (_, i) => `\\def\\m${String.fromCharCode(97 + i)}{\\m${String.fromCharCode(98 + i)}\\m${String.fromCharCode(98 + i)}}`).join("")}\\ma$`;
    const deep = `$${"{".repeat(MATH_MAX_CHARS / 2 - 1)}x${"}".repeat(MATH_MAX_CHARS / 2 - 1)}$`;
    const long = `$${"x+".repeat(MATH_MAX_CHARS)}x$`;
    const many = Array.from({ length: MATH_MAX_PER_MESSAGE + 5 }, (_, i) => `$x_{${i}}$`).join(" ");
    const started = performance.now();
    const outputs = [bomb, deep, long, many].map(html);
    const elapsed = performance.now() - started;
    expect(outputs[0]).toContain("math-source");
    expect(outputs[2]).toContain("math-source");
    expect(outputs[2]).not.toContain("katex");
    expect(outputs[3].match(/class="math"/g)).toHaveLength(MATH_MAX_PER_MESSAGE);
    expect(outputs[3]).toContain(`<code class="math-source">x_{${MATH_MAX_PER_MESSAGE + 4}}</code>`);
    console.log(
      `crafted formulas rendered in ${elapsed.toFixed(0)} ms (deep nesting ${outputs[1].includes("katex") ? "typeset" : "as TeX"})`,
    );
  });
});
