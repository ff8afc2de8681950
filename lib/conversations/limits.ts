import "server-only";
import { env } from "../env";

export interface MemoryLimits {
  windowTokens: number;
  maxBytes: number;
}

export function memoryLimits(): MemoryLimits {
  const config = env();
  return { windowTokens: config.MEMORY_WINDOW_TOKENS, maxBytes: config.MEMORY_MAX_BYTES };
}
