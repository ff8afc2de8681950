"use client";

import ReactMarkdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize from "rehype-sanitize";

/** Model output as Markdown: raw HTML is never rendered, the tree is sanitized, then code is highlighted. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml rehypePlugins={[rehypeSanitize, [rehypeHighlight, { detect: true }]]}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
