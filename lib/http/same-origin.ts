import { AppError } from "../errors";

/**
 * Refuses a write that a browser says comes from another site (Fetch Metadata). Clients that send
 * no such header (curl, scripts) are not browsers, and cannot carry a visitor's session anyway.
 */
export function refuseCrossSite(request: Request): void {
  if (request.headers.get("sec-fetch-site") === "cross-site") throw new AppError("CROSS_SITE");
}
