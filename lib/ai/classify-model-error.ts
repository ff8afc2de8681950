import { AppError } from "../errors";

/**
 * Whatever a model call threw, as the typed error the client shows with a Retry. A model that cannot
 * be reached is named by its `endpoint` (host and port), so a wrong OPENAI_BASE_URL shows itself.
 */
export function classifyModelError(error: unknown, timedOut: boolean, endpoint?: string): AppError {
  if (error instanceof AppError) return error;
  const failure = error as { status?: unknown; name?: unknown; message?: unknown; cause?: unknown } | null;
  const status = typeof failure?.status === "number" ? failure.status : undefined;
  const name = String(failure?.name ?? "");
  const message = String(failure?.message ?? "");
  const cause = { cause: error };
  if (timedOut || /timeout|timed out/i.test(`${name} ${message}`)) return new AppError("MODEL_TIMEOUT", undefined, cause);
  if (status === 429) return new AppError("MODEL_RATE_LIMITED", undefined, cause);
  const unreachable = endpoint ? `The model at ${endpoint} could not be reached or failed. Try again.` : undefined;
  if (status !== undefined && status >= 500) return new AppError("MODEL_UNAVAILABLE", unreachable, cause);
  if (status !== undefined) return new AppError("MODEL_REJECTED", undefined, cause);
  if (error instanceof SyntaxError || /JSON|parse|Unexpected token|malformed/i.test(message)) {
    return new AppError("MODEL_BAD_RESPONSE", undefined, cause);
  }
  return new AppError("MODEL_UNAVAILABLE", unreachable, cause);
}
