import "server-only";
import { AppError } from "../../errors";
import { CLIENTS_PER_NETWORK, clientNetwork } from "../../limits/limit-rules";

/** Imports one client may be sending to this instance at once: a file, and a retry beside it. */
const UPLOADS_PER_CLIENT = 2;
/** What imports in flight on an instance may hold in memory, in largest files (IMPORT_MAX_BYTES). */
export const UPLOADS_PER_INSTANCE_IN_LARGEST_FILES = 4;
/**
 * A body declared this small is not counted in bytes: its memory is small, and a few slow uploads
 * holding the instance's bytes must not keep everyone's everyday imports out.
 */
const SMALL_UPLOAD_BYTES = 1_048_576;

// Bodies are received outside the import slots (lib/limits/import-slots.ts), so what they hold is
// bounded here: per client, and in bytes over the instance, counted in the process since the memory is
// this instance's.
const shared = globalThis as unknown as {
  memoryChatImportUploads?: { bytes: Map<string, number>; byKey: Map<string, number>; bytesByKey: Map<string, number> };
};
shared.memoryChatImportUploads ??= { bytes: new Map(), byKey: new Map(), bytesByKey: new Map() };
const uploads = shared.memoryChatImportUploads;

const held = (key: string) => uploads.byKey.get(key) ?? 0;
const heldBytes = (key: string) => uploads.bytesByKey.get(key) ?? 0;

/** Where an upload's body waits until it is whole: in memory, or in a temporary file. */
export type UploadPool = "memory" | "disk";

function add(map: Map<string, number>, key: string, amount: number): void {
  const total = (map.get(key) ?? 0) + amount;
  if (total > 0) map.set(key, total);
  else map.delete(key);
}

/**
 * Counts an import's upload, of at most `bytes`, against its client (and its network, at
 * CLIENTS_PER_NETWORK clients' worth), and unless it is small, its bytes against its network's
 * `networkMaxBytes` and the instance's `instanceMaxBytes`; or refuses it before its body is read:
 * RATE_LIMITED for the client or network, BUSY for the instance. So uploads that trickle in from one
 * network can hold at most `networkMaxBytes` of the instance. Returns the release, to call once the
 * request is done with its body. Bodies held in memory and bodies written to disk (a zip import) are
 * counted apart (`pool`): a large zip on its way takes no JSON import's room.
 */
export function holdUpload(
  client: string,
  bytes: number,
  limits: { instanceMaxBytes: number; networkMaxBytes: number; pool?: UploadPool },
): () => void {
  const network = clientNetwork(client);
  const pool = limits.pool ?? "memory";
  const owner = `${pool} ${network ?? client}`;
  const poolBytes = uploads.bytes.get(pool) ?? 0;
  const counted = bytes > SMALL_UPLOAD_BYTES ? bytes : 0;
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
  if (counted > 0 && heldBytes(owner) + counted > limits.networkMaxBytes) {
    throw new AppError("RATE_LIMITED", "Your network is sending too much data already. Try again once a file has arrived.", {
      retryAfterSeconds: 30,
    });
  }
  if (poolBytes + counted > limits.instanceMaxBytes) {
    throw new AppError("BUSY", "Too many files are being sent to this server right now. Try again in a minute.", { retryAfterSeconds: 60 });
  }
  const keys = network ? [client, network] : [client];
  for (const key of keys) add(uploads.byKey, key, 1);
  add(uploads.bytesByKey, owner, counted);
  add(uploads.bytes, pool, counted);
  let holding = true;
  return () => {
    if (!holding) return;
    holding = false;
    add(uploads.bytes, pool, -counted);
    add(uploads.bytesByKey, owner, -counted);
    for (const key of keys) add(uploads.byKey, key, -1);
  };
}
