import { z } from "zod";
import type { MemoryBuffer } from "./schema";
import { type ClearScope, clearedMemory } from "./update";

/** A Clear memory: its scope, when, and the last message stored then (memory from before it had it). */
export const memoryClearSchema = z.object({
  through: z.number().int().min(0),
  scope: z.enum(["summary", "preferences", "all"]),
  at: z.iso.datetime({ offset: true }),
});
export type MemoryClear = z.infer<typeof memoryClearSchema>;

/** Conversation.memoryClears as stored; anything unreadable counts as no clear rather than stopping an edit. */
export function readClears(raw: unknown): MemoryClear[] {
  const parsed = z.array(memoryClearSchema).safeParse(raw);
  return parsed.success ? parsed.data : [];
}

/** The clears to keep after `clear`: a later clear of the same scope, or of everything, covers an earlier one. */
export function withClear(clears: MemoryClear[], clear: MemoryClear): MemoryClear[] {
  return [...clears.filter((earlier) => clear.scope !== "all" && earlier.scope !== clear.scope), clear];
}

/** Memory as the turn of message `seq` found it, with every clear made after that turn applied again, in order. */
export function applyClearsSince(memory: MemoryBuffer, clears: MemoryClear[], seq: number): MemoryBuffer {
  return clears
    .filter((clear) => clear.through >= seq)
    .reduce((current, clear) => clearedMemory(current, clear.scope as ClearScope, new Date(clear.at)), memory);
}
