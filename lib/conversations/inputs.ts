import { z } from "zod";
import { preferenceKeySchema, preferenceValueSchema } from "../memory/bounds";
import { oneLine } from "../text/one-line";

/** Lowercase, as PostgreSQL prints uuids: the same conversation has one spelling everywhere (feeds, events, the browser). */
export const conversationIdSchema = z.uuid({ error: "must be a conversation id (a UUID)" }).transform((id) => id.toLowerCase());

/** A version-4 (random) UUID, the only kind of id that may start a conversation. */
export const isRandomId = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id);

/** Text PostgreSQL and JSON can hold: no lone surrogate, no NUL. */
export const isStorableText = (value: string) => value.isWellFormed() && !value.includes("\u0000");

/** The longest conversation title, however it is set (rename, import). */
export const TITLE_MAX_CHARS = 120;

/** Messages per page, in the browser and on the server. */
export const MESSAGE_PAGE_SIZE = 50;

/**
 * The most text one page holds (at least one message, whatever its size): rendering is paid per
 * byte, in the server's render of a shared page and in the browser, and 50 imported messages can
 * hold 5 MB.
 */
export const MESSAGE_PAGE_MAX_BYTES = 128 * 1024;

/** Positions are PostgreSQL integers. */
export const MAX_POSITION = 2_147_483_647;

export const pageInputSchema = z.object({
  id: conversationIdSchema,
  /** Messages before this position (exclusive); absent: the newest page. */
  before: z.number().int().positive().max(MAX_POSITION).optional(),
  limit: z.number().int().min(1).max(200).default(MESSAGE_PAGE_SIZE),
});

/** A read-only link's token: 24 random bytes, URL-safe (lib/conversations/share.ts). */
export const shareTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/, { error: "must be a share token" });

export const sharedPageInputSchema = z.object({
  token: shareTokenSchema,
  before: z.number().int().positive().max(MAX_POSITION).optional(),
});

/** Stop's optional body: the reply the tab shows being written. */
export const stopInputSchema = z.object({ reply: z.uuid({ error: "must be a reply id (a UUID)" }) }).strict();

export const idListSchema = z.array(conversationIdSchema).max(500);

export const renameInputSchema = z.object({
  id: conversationIdSchema,
  title: z.string().refine(isStorableText, "must be valid text").overwrite(oneLine).min(1, "must not be empty").max(TITLE_MAX_CHARS),
});

export const idInputSchema = z.object({ id: conversationIdSchema });

/** A branch to switch to: ids are small integers (at most MAX_BRANCHES per conversation). */
export const branchInputSchema = z.object({ id: conversationIdSchema, branch: z.number().int().min(0).max(10_000) });

export const modelInputSchema = z.object({ id: conversationIdSchema, model: z.string().trim().min(1).max(200) });

export const preferenceChangesInputSchema = z.object({
  id: conversationIdSchema,
  /** A null value deletes the preference. */
  changes: z
    .array(z.object({ key: preferenceKeySchema, value: preferenceValueSchema.nullable() }))
    .min(1)
    .max(40),
});

export const clearMemoryInputSchema = z.object({
  id: conversationIdSchema,
  scope: z.enum(["summary", "preferences", "all"]),
});

export const searchInputSchema = z
  .object({
    ids: idListSchema,
    /** Words, found in titles and in what was said. */
    text: z.string().trim().max(200).refine(isStorableText, "must be valid text").optional(),
    preferences: z.record(preferenceKeySchema, preferenceValueSchema).optional(),
  })
  .refine((input) => Boolean(input.text) || Object.keys(input.preferences ?? {}).length > 0, {
    message: "give words or at least one preference to search for",
  });

export type SearchInput = z.infer<typeof searchInputSchema>;
