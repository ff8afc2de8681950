/**
 * The Content-Security-Policy of a page: scripts only from this origin or carrying this response's
 * nonce (Next.js puts it on its own inline scripts), no plugins, no <base>, forms and fetches only to
 * this origin, images only local (a reply's remote images are links, never fetched), and framing
 * only by the origins the operator allows. `dev` allows eval, which React's development build needs.
 */
export function contentSecurityPolicy(nonce: string, frameAncestors: string | undefined, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors ?? "'none'"}`,
  ].join("; ");
}
