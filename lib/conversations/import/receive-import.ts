import { AppError } from "../../errors";
import { payloadTooLarge } from "../../http/read-json";
import { requireJsonContentType } from "../../http/same-origin";
import { type JsonBounds, type JsonLayout, JsonScanner } from "./json-scanner";

/** A slow start is forgiven this long (a phone waking its radio, a proxy buffering) before the rate counts. */
const GRACE_MS = 10_000;

/** An import's body as it arrived, checked (json-scanner.ts) and mapped for parsing in steps. */
export interface ReceivedImport {
  bytes: Buffer;
  layout: JsonLayout;
}

export interface ReceiveOptions {
  maxBytes: number;
  /** From expectedImportBytes: what the uploads on this instance were allowed to hold for it. */
  expectedBytes: number;
  /** After GRACE_MS, the body must have arrived at this rate on average, or it is cut; 0 waits forever. */
  minBytesPerSecond: number;
  bounds: JsonBounds;
  pause: () => Promise<void>;
}

/**
 * The bytes an import's body will hold at most, before any is read: its Content-Length, or the
 * largest file when it sends none. Refuses a request that is not JSON, or says it is too large.
 */
export function expectedImportBytes(request: Request, maxBytes: number): number {
  requireJsonContentType(request);
  const header = request.headers.get("content-length");
  const declared = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  if (declared !== null && declared > maxBytes) throw payloadTooLarge(maxBytes);
  return declared ?? maxBytes;
}

const amount = (bytes: number) => (bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`);

/** The next chunk, unless the body falls below the minimum rate first (UPLOAD_TOO_SLOW). */
async function readBefore(reader: ReadableStreamDefaultReader<Uint8Array>, cutAt: number, tooSlow: () => AppError) {
  const read = reader.read().catch(() => {
    // A client that goes away mid-upload is its own failure, not the database's (its reset looks alike).
    throw new AppError("BAD_REQUEST", "The request body did not arrive completely.");
  });
  if (cutAt === Number.POSITIVE_INFINITY) return read;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(tooSlow()), cutAt - performance.now());
  });
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads an import's body as it arrives, checking each chunk at once (size, rate, JSON bounds), and
 * gives other requests a turn while it checks bytes that had arrived already. Nothing is parsed here.
 */
export async function receiveImport(request: Request, options: ReceiveOptions): Promise<ReceivedImport> {
  if (!request.body) throw new AppError("BAD_REQUEST");
  const reader = request.body.getReader();
  const scanner = new JsonScanner(options.bounds);
  const chunks: Uint8Array[] = [];
  const started = performance.now();
  let size = 0;
  const cutAt = () =>
    options.minBytesPerSecond > 0 ? started + Math.max(GRACE_MS, (size / options.minBytesPerSecond) * 1000) : Number.POSITIVE_INFINITY;
  const tooSlow = () =>
    new AppError(
      "UPLOAD_TOO_SLOW",
      `Only ${amount(size)} of the file arrived in ${Math.round((performance.now() - started) / 1000)} s; this server needs ${amount(options.minBytesPerSecond)} a second. Try again on a faster connection.`,
    );
  try {
    for (;;) {
      const { done, value } = await readBefore(reader, cutAt(), tooSlow);
      if (done) break;
      size += value.byteLength;
      if (size > options.expectedBytes) {
        throw options.expectedBytes < options.maxBytes
          ? new AppError("BAD_REQUEST", "The request body is longer than its Content-Length.")
          : payloadTooLarge(options.maxBytes);
      }
      scanner.scan(value);
      chunks.push(value);
      // Chunks that arrived already are read without a turn of the event loop: take one now and then.
      await options.pause();
    }
    return { bytes: Buffer.concat(chunks, size), layout: scanner.finish() };
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
}
