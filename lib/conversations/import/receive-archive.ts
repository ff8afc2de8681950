import "server-only";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { AppError } from "../../errors";
import { bodyChunks } from "../../http/body-chunks";
import { payloadTooLarge } from "../../http/read-json";

export interface ReceiveArchiveOptions {
  maxBytes: number;
  expectedBytes: number;
  minBytesPerSecond: number;
}

/**
 * Writes a zip import's body to a file of its own as it arrives (size and rate checked as any
 * upload's): a zip is read from its end, its directory, so it must be whole before anything is read,
 * and on disk it holds no memory. Returns the file and its removal, which the caller must call.
 */
export async function receiveArchive(
  request: Request,
  options: ReceiveArchiveOptions,
): Promise<{ file: string; remove: () => Promise<void> }> {
  const file = path.join(tmpdir(), `memory-chat-import-${randomUUID()}.zip`);
  const remove = () => rm(file, { force: true });
  const tooLong = () =>
    options.expectedBytes < options.maxBytes
      ? new AppError("BAD_REQUEST", "The request body is longer than its Content-Length.")
      : payloadTooLarge(options.maxBytes);
  const out = createWriteStream(file, { mode: 0o600 });
  try {
    for await (const chunk of bodyChunks(request, {
      expectedBytes: options.expectedBytes,
      tooLong,
      minBytesPerSecond: options.minBytesPerSecond,
    })) {
      // Waits for the disk when it is slower than the network: the body is never held in memory.
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await finished(out);
    return { file, remove };
  } catch (error) {
    out.destroy();
    await remove();
    throw error;
  }
}
