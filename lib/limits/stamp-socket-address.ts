import "server-only";
import type http from "node:http";
import { interceptRequests } from "../http/intercept-requests";

/** Named, so that a second call adds nothing: a Set of hooks keeps one of each. */
function stamp(request: http.IncomingMessage): void {
  request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "unknown";
}

/**
 * With no trusted proxy, X-Forwarded-For is whatever the client wrote, and Next.js fills it from the
 * socket only when it is absent. So every request's header is replaced by the socket's address
 * before Next.js sees it; lib/limits/client-address.ts then reads one true address.
 */
export function stampSocketAddress(): void {
  interceptRequests(stamp);
}
