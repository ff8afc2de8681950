import { AppError } from "../errors";

/** A slow start is forgiven this long (a phone waking its radio, a proxy buffering) before the rate counts. */
const GRACE_MS = 10_000;

export interface BodyLimits {
  /** The bytes the request may send, at most: its Content-Length when it gave one. */
  expectedBytes: number;
  /** What a body longer than that is told (its Content-Length was a lie, or it is over the limit). */
  tooLong: () => AppError;
  /** After a grace of 10 s, the body must have arrived at this rate on average, or it is cut; 0 waits forever. */
  minBytesPerSecond: number;
}

const amount = (bytes: number) => (bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`);

/**
 * A request body's chunks as they arrive: cut once longer than `expectedBytes` or slower than
 * `minBytesPerSecond`, each as a typed error; the body is cancelled whenever the reading stops early.
 */
export async function* bodyChunks(request: Request, limits: BodyLimits): AsyncGenerator<Uint8Array> {
  if (!request.body) throw new AppError("BAD_REQUEST");
  const reader = request.body.getReader();
  const started = performance.now();
  let size = 0;
  const cutAt = () =>
    limits.minBytesPerSecond > 0 ? started + Math.max(GRACE_MS, (size / limits.minBytesPerSecond) * 1000) : Number.POSITIVE_INFINITY;
  const tooSlow = () =>
    new AppError(
      "UPLOAD_TOO_SLOW",
      `Only ${amount(size)} of the file arrived in ${Math.round((performance.now() - started) / 1000)} s; this server needs ${amount(limits.minBytesPerSecond)} a second. Try again on a faster connection.`,
    );
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await readBefore(reader, cutAt(), tooSlow);
      if (done) {
        finished = true;
        return;
      }
      size += value.byteLength;
      if (size > limits.expectedBytes) throw limits.tooLong();
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
}

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
