import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "../../errors";
import { memoryIdSchema } from "../../saved-memories/saved-inputs";

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/**
 * The body `useChat` sends when `prepareSendMessagesRequest` forwards only the new message, and the
 * request it becomes.
 */
export const chatRequestSchema = z
  .object({
    id: z.uuid(),
    message: z.object({
      id: z.string().max(200).optional(),
      role: z.literal("user"),
      parts: z
        .array(z.object({ type: z.literal("text"), text: z.string() }))
        .min(1)
        .max(100),
    }),
    /** The conversation's model, from the Model picker: checked against the models offered. */
    model: z.string().trim().min(1).max(200).optional(),
    /** This message replaces that earlier one of the user's, on a new branch (Edit). */
    edit: z.uuid().optional(),
    /** A new version of that reply, on a new branch (Regenerate); the message is the one it answers. */
    regenerate: z.uuid().optional(),
    /** The browser's memory (memory across chats); none from a temporary chat. */
    memory: memoryIdSchema.optional(),
    /** False when the user switched memory across chats off: the turn then neither reads nor feeds it. */
    acrossChats: z.boolean().optional(),
    /** False when the user switched "Reference other chats" off: recall then searches this conversation alone. */
    otherChats: z.boolean().optional(),
    /** A new conversation starts as a temporary chat: no memory across chats, not kept past 24 hours. */
    temporary: z.boolean().optional(),
    /** Files uploaded to the conversation for this message (lib/attachments); ATTACHMENTS_PER_MESSAGE at most, checked by the turn. */
    attachments: z.array(z.uuid()).max(100).optional(),
    /** With an edit: the edited message's files that the new version keeps (the others are not sent with it). */
    keep: z.array(z.uuid()).max(100).optional(),
  })
  .refine((body) => !(body.edit && body.regenerate), { message: "edit and regenerate exclude each other" })
  // A new version of a reply answers the message as it was sent, files and all.
  .refine((body) => !(body.regenerate && body.attachments?.length), { message: "a regenerated reply takes no new files" })
  .refine((body) => !(body.keep?.length && !body.edit), { message: "only an edit keeps files" })
  .transform(({ id, message, model, edit, regenerate, memory, acrossChats, otherChats, temporary, attachments, keep }) => ({
    conversationId: id.toLowerCase(),
    // A client-chosen UUID makes a resend idempotent; anything else gets a fresh one.
    userMessageId: message.id && isUuid(message.id) ? message.id : randomUUID(),
    text: message.parts.map((part) => part.text).join("\n"),
    model: model ?? null,
    ...(memory && { memoryId: memory }),
    ...(acrossChats === false && { acrossChatsOff: true }),
    ...(otherChats === false && { otherChatsOff: true }),
    ...(temporary && { temporary }),
    ...(attachments?.length && { attachments: [...new Set(attachments.map((attachment) => attachment.toLowerCase()))] }),
    ...(keep?.length && { keep: [...new Set(keep.map((attachment) => attachment.toLowerCase()))] }),
    fork: edit
      ? ({ kind: "edit", messageId: edit.toLowerCase() } as const)
      : regenerate
        ? ({ kind: "regenerate", messageId: regenerate.toLowerCase() } as const)
        : null,
  }));

export type ChatRequest = z.output<typeof chatRequestSchema>;

/** Validates a turn request; every way it can be wrong has its own typed error. */
export function parseChatRequest(body: unknown, maxChars: number): ChatRequest {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const onId = parsed.error.issues.some((issue) => issue.path[0] === "id");
    throw new AppError(onId ? "INVALID_ID" : "BAD_REQUEST");
  }
  // Files may go without words: the turn then says what was attached.
  if (!parsed.data.attachments || parsed.data.text.trim() !== "") parseMessageText(parsed.data.text, maxChars);
  return parsed.data;
}

/** A message's text, refused when empty, not valid text, or longer than `maxChars`. */
export function parseMessageText(text: string, maxChars: number): string {
  if (!text.trim() || !text.isWellFormed() || text.includes("\u0000")) throw new AppError("INVALID_MESSAGE");
  if (text.length > maxChars) {
    throw new AppError("MESSAGE_TOO_LONG", `The message is too long: ${text.length} characters, the limit is ${maxChars}.`);
  }
  return text;
}
