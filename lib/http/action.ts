import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { AppError, type ErrorCode, toAppError } from "../errors";
import { enforceActionLimits, requestClient } from "../limits/enforce-limits";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** The code for the first invalid field: an id, a preference, or anything else. */
function codeFor(issues: z.core.$ZodIssue[]): ErrorCode {
  const first = issues[0];
  const path = first?.path ?? [];
  if (path[0] === "memory") return "INVALID_MEMORY_ID";
  if ((first?.code === "invalid_format" && first.format === "uuid") || path.some((part) => part === "id" || part === "ids")) {
    return "INVALID_ID";
  }
  if (path.some((part) => part === "changes" || part === "preferences" || part === "key" || part === "value")) {
    return "INVALID_PREFERENCE";
  }
  return "BAD_REQUEST";
}

/** Who sent the action being run, for its limit: the same address a route reads. */
const actionClient = async () => requestClient({ headers: await headers() });

/**
 * A server action's body: the input is validated with zod, counted against its client's limit
 * (LIMIT_ACTIONS_PER_MINUTE_PER_CLIENT), and every outcome, including unexpected failures and a
 * refusal, is a typed result. Nothing is thrown to the client, and no stack leaves the server.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  handler: (input: z.infer<S>) => Promise<T>,
  /** Units counted against the limit; more than 1 for an action that reads many conversations. */
  cost: (input: z.infer<S>) => number = () => 1,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`)
      .join("; ");
    const error = new AppError(codeFor(parsed.error.issues));
    return { ok: false, error: { code: error.code, message: `${error.message} (${detail})` } };
  }
  try {
    await enforceActionLimits(actionClient, cost(parsed.data));
    return { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "INTERNAL") console.error("[action] INTERNAL:", appError.cause ?? error);
    if (appError.code === "DATABASE_UNAVAILABLE") console.warn(`[action] DATABASE_UNAVAILABLE: ${String(appError.cause ?? error)}`);
    return { ok: false, error: appError.toJSON() };
  }
}
