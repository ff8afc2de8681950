import { toAppError } from "../errors";

/** A typed JSON error; unexpected failures are logged here and reach the client as INTERNAL, without a stack. */
export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL") console.error("[http] INTERNAL:", appError.cause ?? error);
  if (appError.code === "DATABASE_UNAVAILABLE" || appError.code === "BUSY") {
    console.warn(`[http] ${appError.code}: ${String(appError.cause ?? error)}`);
  }
  const headers = appError.retryAfterSeconds === undefined ? undefined : { "Retry-After": String(appError.retryAfterSeconds) };
  return Response.json({ error: appError.toJSON() }, { status: appError.status, headers });
}
