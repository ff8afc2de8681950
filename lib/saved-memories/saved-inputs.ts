import { z } from "zod";
import { idListSchema, isRandomId, isStorableText } from "../conversations/inputs";
import { MAX_FACT_CHARS, preferenceKeySchema, preferenceValueSchema } from "../memory/bounds";

/** A browser's memory id: random (a version-4 UUID), like a new conversation's, so nobody shares or guesses one. */
export const memoryIdSchema = z
  .uuid({ error: "must be a memory id (a UUID)" })
  .refine(isRandomId, { error: "must be a random memory id (a version-4 UUID)" })
  .transform((id) => id.toLowerCase());

const factTextSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_FACT_CHARS, `must be at most ${MAX_FACT_CHARS} characters`)
  .refine(isStorableText, "must be valid text");
const itemKeySchema = z.string().min(1).max(64);

/** One change on the Memory page (lib/saved-memories/saved-edits.ts applies it). */
export const savedChangeSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("set-preference"), key: preferenceKeySchema, text: preferenceValueSchema }),
  z.object({ op: z.literal("add-fact"), text: factTextSchema }),
  z.object({ op: z.literal("edit-fact"), key: itemKeySchema, text: factTextSchema }),
  z.object({ op: z.literal("forget"), kind: z.enum(["preference", "fact"]), key: itemKeySchema }),
  z.object({ op: z.literal("forget-all") }),
]);

export const memoryInputSchema = z.object({ memory: memoryIdSchema });
export const savedChangeInputSchema = z.object({ memory: memoryIdSchema, change: savedChangeSchema });
export const adoptInputSchema = z.object({ memory: memoryIdSchema, ids: idListSchema });
export const idsInputSchema = z.object({ ids: idListSchema });
