import { z } from "zod";
import { emptyMemory, type MemoryBuffer, memoryBufferSchema, recoveredSchema } from "./schema";

export interface ReadMemory {
  memory: MemoryBuffer;
  /** Set when the stored buffer failed validation: what was wrong. Its content is kept under `recovered`. */
  problem?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The sections that can be salvaged one by one from a buffer that fails validation as a whole. */
const sections = memoryBufferSchema.pick({
  short_term_memory: true,
  long_term_memory: true,
  user_preferences: true,
  stats: true,
  legacy_sessions: true,
}).shape;

/**
 * Reads a stored memoryBuffer. NULL is empty memory. An invalid buffer is never dropped: its content
 * moves under `recovered`, the sections that still validate are kept, and the rest starts empty.
 */
export function readMemory(raw: unknown, now: Date): ReadMemory {
  if (raw === null || raw === undefined) return { memory: emptyMemory() };
  const parsed = memoryBufferSchema.safeParse(raw);
  if (parsed.success) return { memory: parsed.data };

  const problem = z.prettifyError(parsed.error);
  const memory: MemoryBuffer = emptyMemory();
  const content = isRecord(raw) ? { ...raw } : raw;
  if (isRecord(content)) {
    for (const [key, schema] of Object.entries(sections)) {
      const section = schema.safeParse(content[key]);
      if (section.success && section.data !== undefined) Object.assign(memory, { [key]: section.data });
    }
    const earlier = z.array(recoveredSchema).safeParse(content.recovered);
    if (earlier.success) {
      memory.recovered = earlier.data;
      delete content.recovered;
    }
  }
  memory.recovered = [...(memory.recovered ?? []), { at: now.toISOString(), reason: problem, content }];
  return { memory, problem };
}
