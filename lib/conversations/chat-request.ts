import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors";
import type { TurnRequest } from "./turn";

/** The body `useChat` sends when `prepareSendMessagesRequest` forwards only the new message. */
const chatRequestSchema = z.object({
  id: z.string(),
  message: z.object({
    id: z.string().max(200).optional(),
    role: z.literal("user"),
    parts: z.array(z.object({ type: z.literal("text"), text: z.string() })).min(1).max(100),
  }),
});

const uuid = z.uuid();

/** Validates a turn request; every way it can be wrong has its own typed error. */
export function parseChatRequest(body: unknown, maxChars: number): TurnRequest {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const onId = parsed.error.issues.some((issue) => issue.path[0] === "id");
    throw new AppError(onId ? "INVALID_ID" : "BAD_REQUEST");
  }
  const { id, message } = parsed.data;
  if (!uuid.safeParse(id).success) throw new AppError("INVALID_ID");
  const text = message.parts.map((part) => part.text).join("\n");
  if (!text.trim() || !text.isWellFormed() || text.includes("\u0000")) throw new AppError("INVALID_MESSAGE");
  if (text.length > maxChars) {
    throw new AppError("MESSAGE_TOO_LONG", `The message is too long: ${text.length} characters, the limit is ${maxChars}.`);
  }
  // A client-chosen UUID makes a resend idempotent; anything else gets a fresh one.
  const userMessageId = message.id && uuid.safeParse(message.id).success ? message.id : randomUUID();
  return { conversationId: id, userMessageId, text };
}
