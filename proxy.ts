import { type NextRequest, NextResponse } from "next/server";
import { refuseOversizedAction } from "./lib/http/action-body";
import { contentSecurityPolicy } from "./lib/http/security-headers";

/**
 * Pages get a fresh script nonce and their Content-Security-Policy here (Next.js reads the nonce from
 * the request's policy header and puts it on its own scripts), prefetches included: a browser's
 * prefetch of a document (`Purpose: prefetch`) is shown as the page later. API routes are left out: they answer
 * JSON and streams, which no browser renders as a page, and a turn should not pay for this. Server
 * actions are posted to pages, so one over its body limit is refused here with a 413, not a 500.
 */
export function proxy(request: NextRequest) {
  const oversized = refuseOversizedAction(request);
  if (oversized) return oversized;
  // Checked with the rest of the configuration at start-up (lib/env.ts, instrumentation.ts); read
  // directly because the proxy is bundled apart from server-only code.
  const frameAncestors = process.env.FRAME_ANCESTORS?.trim() || undefined;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, frameAncestors, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  // For browsers that predate frame-ancestors.
  if (!frameAncestors) response.headers.set("x-frame-options", "DENY");
  return response;
}

export const config = {
  // No `missing` for prefetch headers: a prefetched document is shown as a page, and an action posted
  // with a prefetch header would skip the body check.
  matcher: ["/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
