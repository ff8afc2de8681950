import { AppError } from "../../errors";
import { bodyChunks } from "../../http/body-chunks";
import { payloadTooLarge } from "../../http/read-json";
import { requireContentType } from "../../http/same-origin";
import { type JsonBounds, type JsonLayout, JsonScanner } from "./json-scanner";

/** An import's body as it arrived, checked (json-scanner.ts) and mapped for parsing in steps. */
export interface ReceivedImport {
  bytes: Buffer;
  layout: JsonLayout;
}

export interface ReceiveOptions {
  maxBytes: number;
  /** From expectedImportBytes: what the uploads on this instance were allowed to hold for it. */
  expectedBytes: number;
  /** After a grace of 10 s, the body must have arrived at this rate on average, or it is cut; 0 waits forever. */
  minBytesPerSecond: number;
  bounds: JsonBounds;
  pause: () => Promise<void>;
}

/**
 * The bytes an import's body will hold at most, before any is read: its Content-Length, or the
 * largest file when it sends none. Refuses a request that is not `kind` (JSON, or a zip export), or
 * says it is too large.
 */
export function expectedImportBytes(request: Request, maxBytes: number, kind: "json" | "zip" = "json"): number {
  requireContentType(request, kind);
  const header = request.headers.get("content-length");
  const declared = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  if (declared !== null && declared > maxBytes) throw payloadTooLarge(maxBytes);
  return declared ?? maxBytes;
}

/**
 * Reads an import's body as it arrives, checking each chunk at once (size, rate, JSON bounds), and
 * gives other requests a turn while it checks bytes that had arrived already. Nothing is parsed here.
 */
export async function receiveImport(request: Request, options: ReceiveOptions): Promise<ReceivedImport> {
  const scanner = new JsonScanner(options.bounds);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const tooLong = () =>
    options.expectedBytes < options.maxBytes
      ? new AppError("BAD_REQUEST", "The request body is longer than its Content-Length.")
      : payloadTooLarge(options.maxBytes);
  for await (const value of bodyChunks(request, {
    expectedBytes: options.expectedBytes,
    tooLong,
    minBytesPerSecond: options.minBytesPerSecond,
  })) {
    size += value.byteLength;
    scanner.scan(value);
    chunks.push(value);
    // Chunks that arrived already are read without a turn of the event loop: take one now and then.
    await options.pause();
  }
  return { bytes: Buffer.concat(chunks, size), layout: scanner.finish() };
}
