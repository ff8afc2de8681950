import "server-only";
import { AppError } from "../errors";

/**
 * Imports this instance runs at once: each holds its file, parsed, in memory while it is checked and
 * stored. A slot is taken once the body has arrived (lib/conversations/import/receive-import.ts), so
 * slow uploads wait outside it; what they hold is bounded by lib/conversations/import/import-uploads.ts.
 */
const IMPORTS_AT_ONCE = 2;

const shared = globalThis as unknown as { memoryChatImports?: { running: number } };
shared.memoryChatImports ??= { running: 0 };
const imports = shared.memoryChatImports;

/**
 * Runs an import in one of the instance's slots, or answers BUSY (503, Retry-After) when all are
 * taken, after `refused` (which gives back what the request was counted).
 */
export async function withImportSlot<T>(work: () => Promise<T>, refused: () => Promise<void> = async () => {}): Promise<T> {
  if (imports.running >= IMPORTS_AT_ONCE) {
    await refused().catch((error: unknown) => console.warn(`[import] Could not give back a refused import's count: ${String(error)}`));
    throw new AppError("BUSY", "Other imports are running. Try again in a few seconds.", { retryAfterSeconds: 5 });
  }
  imports.running++;
  try {
    return await work();
  } finally {
    imports.running--;
  }
}
