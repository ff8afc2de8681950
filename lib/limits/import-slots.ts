import "server-only";
import { AppError } from "../errors";

/** Imports this instance runs at once: each may hold a 50 MB body and its parse in memory. */
const IMPORTS_AT_ONCE = 2;

const shared = globalThis as unknown as { memoryChatImports?: { running: number } };
shared.memoryChatImports ??= { running: 0 };
const imports = shared.memoryChatImports;

/** Runs an import in one of the instance's slots, or answers BUSY (503, Retry-After) when all are taken. */
export async function withImportSlot<T>(work: () => Promise<T>): Promise<T> {
  if (imports.running >= IMPORTS_AT_ONCE) {
    throw new AppError("BUSY", "Other imports are running. Try again in a few seconds.", { retryAfterSeconds: 5 });
  }
  imports.running++;
  try {
    return await work();
  } finally {
    imports.running--;
  }
}
