"use client";

import ReactMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize from "rehype-sanitize";

/**
 * An image in a reply is shown as a link, never fetched: a prompt-injected model could otherwise send
 * what it knows to any server in an image's URL the moment the reply renders. Links open apart, with
 * no referrer.
 */
const components: Components = {
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow" data-image-link>
        [image{alt ? `: ${alt}` : ""}]
      </a>
    ) : (
      <span>[image{alt ? `: ${alt}` : ""}]</span>
    ),
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
};

/** Model output as Markdown: raw HTML is never rendered, the tree is sanitized, then code is highlighted. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml components={components} rehypePlugins={[rehypeSanitize, [rehypeHighlight, { detect: true }]]}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
