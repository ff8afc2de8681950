import { env } from "../env";
import { AppError } from "../errors";

/** What a browser says of a request's origin (Fetch Metadata) that a write may come with. */
const WRITABLE_FROM = new Set(["same-origin", "none"]);

/**
 * The host a browser addressed: as it arrived, or as the URL says; and as a proxy saw it, only behind
 * one (TRUST_PROXY_HOPS), since anyone else can send X-Forwarded-Host.
 */
function addressedHosts(request: Request): string[] {
  const forwarded = env().TRUST_PROXY_HOPS > 0 ? request.headers.get("x-forwarded-host") : null;
  return [forwarded, request.headers.get("host"), new URL(request.url).host].filter((host): host is string => Boolean(host));
}

/**
 * Refuses a write that a browser says comes from another origin: by Fetch Metadata
 * (`Sec-Fetch-Site`), or, for browsers without it, by `Origin`. Clients that send neither (curl,
 * scripts) are not browsers, and cannot carry a visitor's session anyway.
 */
export function refuseCrossSite(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && !WRITABLE_FROM.has(site)) throw new AppError("CROSS_SITE");
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = URL.canParse(origin) ? new URL(origin).host : null;
  if (!host || !addressedHosts(request).includes(host)) throw new AppError("CROSS_SITE");
}

/**
 * A write must say it is JSON: a page elsewhere can send a form or a no-cors fetch without asking,
 * but never with this content type, which makes the browser ask the server first (and CORS refuses).
 */
export function requireJsonContentType(request: Request): void {
  requireContentType(request, "json");
}

const DECLARED: Record<BodyKind, { type: RegExp; hint?: string }> = {
  json: { type: /^application\/json\b/i },
  bytes: { type: /^application\/octet-stream\b/i, hint: "Send the file's bytes as application/octet-stream." },
  zip: { type: /^application\/zip\b/i, hint: "Send the zip as application/zip." },
};

/** What a write's body is: JSON, a file's bytes, or a zip (an export with its files). */
export type BodyKind = "json" | "bytes" | "zip";

/** As requireJsonContentType, for a body of `kind`: none of these types can a form send either. */
export function requireContentType(request: Request, kind: BodyKind): void {
  const declared = request.headers.get("content-type") ?? "";
  if (!DECLARED[kind].type.test(declared)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", DECLARED[kind].hint);
}
