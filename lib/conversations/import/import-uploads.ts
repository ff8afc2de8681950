import "server-only";
import { AppError } from "../../errors";
import { CLIENTS_PER_NETWORK, clientNetwork } from "../../limits/limit-rules";

/** Imports one client may be sending to this instance at once: a file, and a retry beside it. */
const UPLOADS_PER_CLIENT = 2;
/** What imports in flight on an instance may hold in memory, in largest files (IMPORT_MAX_BYTES). */
export const UPLOADS_PER_INSTANCE_IN_LARGEST_FILES = 4;

// Bodies are received outside the import slots (lib/limits/import-slots.ts), so what they hold is
// bounded here: per client, and in bytes over the instance, counted in the process since the memory is
// this instance's.
const shared = globalThis as unknown as { memoryChatImportUploads?: { bytes: number; byKey: Map<string, number> } };
shared.memoryChatImportUploads ??= { bytes: 0, byKey: new Map() };
const uploads = shared.memoryChatImportUploads;

const held = (key: string) => uploads.byKey.get(key) ?? 0;

/**
 * Counts an import's upload, of at most `bytes`, against its client (and an IPv6 client's /48, at
 * CLIENTS_PER_NETWORK clients' worth) and against the instance's `instanceMaxBytes`, or refuses it
 * before its body is read: RATE_LIMITED for the client, BUSY for the instance. Returns the release,
 * to call once the request is done with its body.
 */
export function holdUpload(client: string, bytes: number, instanceMaxBytes: number): () => void {
  const network = clientNetwork(client);
  if (held(client) >= UPLOADS_PER_CLIENT) {
    throw new AppError("RATE_LIMITED", `You are sending ${UPLOADS_PER_CLIENT} files already. Try again once one has arrived.`, {
      retryAfterSeconds: 10,
    });
  }
  if (network && held(network) >= UPLOADS_PER_CLIENT * CLIENTS_PER_NETWORK) {
    throw new AppError("RATE_LIMITED", "Your network is sending too many files already. Try again once one has arrived.", {
      retryAfterSeconds: 10,
    });
  }
  if (uploads.bytes + bytes > instanceMaxBytes) {
    throw new AppError("BUSY", "Too many files are being sent to this server right now. Try again in a minute.", { retryAfterSeconds: 60 });
  }
  const keys = network ? [client, network] : [client];
  for (const key of keys) uploads.byKey.set(key, held(key) + 1);
  uploads.bytes += bytes;
  let holding = true;
  return () => {
    if (!holding) return;
    holding = false;
    uploads.bytes -= bytes;
    for (const key of keys) {
      const left = held(key) - 1;
      if (left > 0) uploads.byKey.set(key, left);
      else uploads.byKey.delete(key);
    }
  };
}
