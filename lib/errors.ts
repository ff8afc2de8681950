import { isDatabaseUnavailable, isPoolExhausted } from "./db/pg-errors";

/** Every error the app shows or returns, with its HTTP status and the message a user sees. */
export const ERRORS = {
  BAD_REQUEST: { status: 400, message: "The request was not understood." },
  INVALID_ID: { status: 400, message: "That is not a valid conversation id." },
  INVALID_MESSAGE: { status: 400, message: "The message is empty or is not valid text." },
  MESSAGE_TOO_LONG: { status: 400, message: "The message is too long." },
  INVALID_PREFERENCE: { status: 400, message: "That preference is not valid." },
  INVALID_MEMORY_ID: { status: 400, message: "That is not a valid memory id." },
  UNKNOWN_MODEL: { status: 400, message: "That model is not offered here. Choose one from the Model list." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "The request is too large." },
  LENGTH_REQUIRED: { status: 411, message: "Send the request with its length (Content-Length)." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Send the request as JSON." },
  CROSS_SITE: { status: 403, message: "Requests from other sites are not accepted." },
  INVALID_IMPORT: { status: 422, message: "That file could not be imported." },
  IMPORT_TOO_LARGE: { status: 413, message: "That import is too large." },
  UPLOAD_TOO_SLOW: { status: 408, message: "The file arrived too slowly. Try again on a faster connection." },
  ATTACHMENT_TOO_LARGE: { status: 413, message: "That file is too large to attach." },
  TOO_MANY_ATTACHMENTS: { status: 400, message: "That message has too many files attached." },
  UNSUPPORTED_FILE_TYPE: { status: 415, message: "That kind of file cannot be attached." },
  STORAGE_QUOTA_REACHED: {
    status: 413,
    message: "You have stored as many files as allowed. Delete a conversation with files to make room.",
  },
  ATTACHMENT_NOT_FOUND: { status: 404, message: "That file does not exist, or was removed." },
  RATE_LIMITED: { status: 429, message: "Too many requests. Try again later." },
  NOT_FOUND: { status: 404, message: "That conversation does not exist." },
  VERSION_NOT_FOUND: { status: 404, message: "That version of the conversation does not exist." },
  BRANCH_CHANGED: { status: 409, message: "Another tab or device showed another version of this conversation. Reload to see it." },
  MEMORY_BUSY: { status: 409, message: "Your memory was being changed elsewhere at the same time. Try again." },
  TOO_MANY_VERSIONS: { status: 409, message: "This conversation has too many versions to make another. Start a new chat." },
  DELETED: { status: 410, message: "This conversation was deleted, here or on another device. Start a new chat." },
  SHARE_NOT_FOUND: { status: 404, message: "This link does not work: it was revoked, or the conversation was deleted." },
  MODEL_RATE_LIMITED: { status: 429, message: "The model is busy (rate limited). Try again in a moment." },
  MODEL_UNAVAILABLE: { status: 502, message: "The model could not be reached or failed. Try again." },
  MODEL_BAD_RESPONSE: { status: 502, message: "The model sent a response that could not be read. Try again." },
  MODEL_REJECTED: { status: 502, message: "The model endpoint refused the request. Check the model configuration." },
  MODEL_TIMEOUT: { status: 504, message: "The model took too long to answer. Try again." },
  DATABASE_UNAVAILABLE: { status: 503, message: "Storage is unavailable right now. Try again shortly." },
  BUSY: { status: 503, message: "The server is busy. Try again in a moment." },
  SHUTTING_DOWN: { status: 503, message: "The server is restarting. Try again in a moment." },
  REPLY_INTERRUPTED: { status: 503, message: "The reply was interrupted when the server stopped. Its text so far is kept." },
  INTERNAL: { status: 500, message: "Something went wrong on our side. Try again." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  /** Sent as Retry-After with a 429 or 503. */
  readonly retryAfterSeconds?: number;
  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.name = "AppError";
    this.status = ERRORS[code].status;
  }

  /** What crosses to the browser: a code and a message (and when to retry), never a stack. */
  toJSON(): { code: ErrorCode; message: string; retryAfter?: number } {
    return this.retryAfterSeconds === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, retryAfter: this.retryAfterSeconds };
  }
}

/** Any thrown value as an AppError; unknown failures become INTERNAL (and should be logged by the caller). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isPoolExhausted(error)) return new AppError("BUSY", undefined, { cause: error, retryAfterSeconds: 2 });
  if (isDatabaseUnavailable(error)) return new AppError("DATABASE_UNAVAILABLE", undefined, { cause: error });
  return new AppError("INTERNAL", undefined, { cause: error });
}
