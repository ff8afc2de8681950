/** What the user is told when a request never reached the server, or its answer never came back. */
export const NETWORK_ERROR_MESSAGE = "The server could not be reached. Check the connection and try again.";

/** The typed error behind a failed turn: a JSON error response, a stream error chunk, or a network failure. */
export function describeChatError(error: Error): { code: string; message: string; retryAfter?: number } {
  try {
    type Body = { code?: string; message?: string; retryAfter?: number };
    const parsed = JSON.parse(error.message) as Body & { error?: Body };
    const body = parsed.error ?? parsed;
    if (typeof body.code === "string" && typeof body.message === "string") {
      const retryAfter = typeof body.retryAfter === "number" && body.retryAfter > 0 ? body.retryAfter : undefined;
      return { code: body.code, message: body.message, retryAfter };
    }
  } catch {
    // not JSON: a network failure
  }
  return { code: "NETWORK", message: NETWORK_ERROR_MESSAGE };
}
