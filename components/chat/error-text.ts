/** The typed error behind a failed turn: a JSON error response, a stream error chunk, or a network failure. */
export function describeChatError(error: Error): { code: string; message: string } {
  try {
    const parsed = JSON.parse(error.message) as { code?: string; message?: string; error?: { code: string; message: string } };
    const body = parsed.error ?? parsed;
    if (typeof body.code === "string" && typeof body.message === "string") return { code: body.code, message: body.message };
  } catch {
    // not JSON: a network failure
  }
  return { code: "NETWORK", message: "The server could not be reached. Check the connection and try again." };
}
