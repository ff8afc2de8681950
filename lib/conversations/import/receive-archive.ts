import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../../errors";
import { bodyChunks } from "../../http/body-chunks";
import { payloadTooLarge } from "../../http/read-json";

export interface ReceiveArchiveOptions {
  maxBytes: number;
  expectedBytes: number;
  minBytesPerSecond: number;
}

const PREFIX = "memory-chat-import-";
/** Past this a temporary zip is a crashed instance's: the slowest upload allowed (250 MB at 16 KB/s) takes under 5 hours. */
const ABANDONED_MS = 12 * 3_600_000;

/**
 * Writes a zip import's body to a file of its own as it arrives (size and rate checked as any
 * upload's, waiting for the disk when it is slower than the network): a zip is read from its end, its
 * directory, so it must be whole before anything is read, and on disk it holds no memory. Returns the
 * file and its removal, which the caller must call; on any failure the file is gone already.
 */
export async function receiveArchive(
  request: Request,
  options: ReceiveArchiveOptions,
): Promise<{ file: string; remove: () => Promise<void> }> {
  const file = path.join(tmpdir(), `${PREFIX}${randomUUID()}.zip`);
  const remove = () => rm(file, { force: true });
  const tooLong = () =>
    options.expectedBytes < options.maxBytes
      ? new AppError("BAD_REQUEST", "The request body is longer than its Content-Length.")
      : payloadTooLarge(options.maxBytes);
  const chunks = bodyChunks(request, { expectedBytes: options.expectedBytes, tooLong, minBytesPerSecond: options.minBytesPerSecond });
  try {
    await pipeline(Readable.from(chunks, { highWaterMark: 1 }), createWriteStream(file, { flags: "wx", mode: 0o600 }));
    return { file, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Removes temporary zips an instance left behind when it stopped mid-import (run by the periodic sweep). */
export async function removeAbandonedArchives(now = Date.now()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    if (!name.startsWith(PREFIX)) continue;
    const file = path.join(tmpdir(), name);
    const stats = await stat(file).catch(() => null);
    if (
      stats &&
      now - stats.mtimeMs > ABANDONED_MS &&
      (await rm(file, { force: true }).then(
        () => true,
        () => false,
      ))
    )
      removed++;
  }
  return removed;
}
