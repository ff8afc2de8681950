import { AppError } from "../errors";
import actionBodyLimit from "./action-body-limit.json";

// Next.js enforces experimental.serverActions.bodySizeLimit (next.config.js reads the same file) while
// it decodes an action (next/dist/server/app-render/action-handler.js), by throwing an ApiError(413)
// that it answers as a logged 500. It tries to decode any POST with a Next-Action header, and any
// multipart form POST without one, as a form's action might be (server-action-request-meta.js). The
// proxy refuses such a request before: its Content-Length says all (Node's parser holds the body to
// it), and a browser always sends one with an action or a form.

/** The largest server action body: the largest input (a search over 500 conversations) is far under it. */
export const ACTION_BODY_MAX_BYTES = actionBodyLimit.bytes;

/** A refusal that Next.js's action client can read: it throws an Error with a text/plain body as its message. */
function refusal(error: AppError): Response {
  return new Response(error.message, { status: error.status, headers: { "content-type": "text/plain", "x-error-code": error.code } });
}

/** Whether Next.js would try to decode `request` as a server action (in any letter case, to be sure). */
function mayBeAction(request: Request): boolean {
  if (request.method !== "POST") return false;
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  return request.headers.has("next-action") || type.startsWith("multipart/form-data");
}

/**
 * The answer to what may be a server action (a POST with a Next-Action header, or of a multipart form)
 * whose body is over the limit (413 PAYLOAD_TOO_LARGE) or of a length it does not declare, a chunked
 * body (411 LENGTH_REQUIRED); null for any other request.
 */
export function refuseOversizedAction(request: Request): Response | null {
  if (!mayBeAction(request)) return null;
  const declared = request.headers.get("content-length");
  if (declared === null) return refusal(new AppError("LENGTH_REQUIRED"));
  if (Number(declared) <= ACTION_BODY_MAX_BYTES) return null;
  return refusal(new AppError("PAYLOAD_TOO_LARGE", `The request is larger than the limit of ${ACTION_BODY_MAX_BYTES / 1024} KB.`));
}
