import { z } from "zod";
import { oneLine } from "../text/one-line";

/** Bounds that keep every part of memory small whatever the conversation says. */
export const MAX_PREFERENCES = 40;
export const MAX_FACTS = 50;
export const MAX_FACT_CHARS = 300;
export const MAX_SUMMARY_CHARS = 6_000;

/** A fact as memory keeps it: one line, at most MAX_FACT_CHARS. */
export const normalFact = (fact: string): string => oneLine(fact.slice(0, 4 * MAX_FACT_CHARS)).slice(0, MAX_FACT_CHARS);

export const preferenceKeySchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "use 1-40 letters, digits or underscores, starting with a letter");

/** One line: the profile lists preferences as "- key: value" lines, and a line break would forge more. */
export const preferenceValueSchema = z
  .string()
  .refine((value) => value.isWellFormed() && !value.includes("\u0000"), "must be valid text")
  .overwrite(oneLine)
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters");

/** What one user message taught: structured output from a real model, or the offline extractor. */
export const extractionSchema = z.object({
  preferences: z
    .array(z.object({ key: z.string(), value: z.string() }))
    .describe("Stable preferences stated by the user, e.g. name, preference, topic, language"),
  facts: z.array(z.string()).describe("Short durable facts the user stated about themselves"),
});

export type Extraction = z.infer<typeof extractionSchema>;

/** How much memory may hold: the live window's token budget and the buffer's hard size cap. */
export interface MemoryLimits {
  windowTokens: number;
  maxBytes: number;
}
