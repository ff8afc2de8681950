import { z } from "zod";
import { isStorableText, TITLE_MAX_CHARS } from "../inputs";
import type { ImportedConversation } from "./imported-conversation";

const text = z.string().refine(isStorableText, "must be valid text without NUL characters");

/** An ISO 8601 date with its offset, between 1970 and a day from now. */
export const importDateSchema = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date with a time zone, like 2024-05-01T12:00:00Z" })
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() >= 0 && date.getTime() <= Date.now() + 86_400_000, "must be between 1970 and now");

/**
 * `{"title"?, "messages": [{"role", "content", "createdAt"?}]}`: the simplest way in for any chat
 * history. Its messages are checked apart, a slice at a time (transcriptMessageSchema).
 */
export const transcriptSchema = z.strictObject({
  title: text.pipe(z.string().trim().max(TITLE_MAX_CHARS, `must be at most ${TITLE_MAX_CHARS} characters`)).optional(),
  messages: z.array(z.unknown()).min(1, "must hold at least one message"),
});

export const transcriptMessageSchema = z.strictObject({
  role: z.enum(["user", "assistant"], { error: 'must be "user" or "assistant"' }),
  content: text.refine((value) => value.trim().length > 0, "must not be empty"),
  createdAt: importDateSchema.optional(),
});

export function fromTranscript(transcript: { title?: string; messages: z.output<typeof transcriptMessageSchema>[] }): ImportedConversation {
  return {
    title: transcript.title || null,
    messages: transcript.messages.map((message) => ({
      role: message.role,
      content: message.content,
      createdAt: message.createdAt ?? null,
    })),
  };
}
