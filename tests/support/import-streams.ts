import { POST as importRoute } from "@/app/api/conversations/import/route";

const CHUNK = 64 * 1024;
/** A stream makes a chunk only when the route reads one: "pulled" is what the route read. */
const NOTHING_AHEAD = { highWaterMark: 0 };

/** What a streamed body went through: how much was pulled, and when it ended (last byte sent, or cancelled). */
export interface StreamedBody {
  stream: ReadableStream<Uint8Array>;
  pulled: () => number;
  endedAt: () => number | null;
}

/**
 * A body made of segments, each `unit` repeated to `bytes` (whole units), made chunk by chunk as the
 * reader pulls: 48 MB without holding 48 MB.
 */
export function patternBody(segments: [unit: string, bytes: number][]): StreamedBody {
  const chunks = segments.map(([unit, bytes]) => ({ block: Buffer.from(unit.repeat(Math.floor(CHUNK / unit.length))), left: bytes }));
  let sent = 0;
  let endedAt: number | null = null;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.find((chunk) => chunk.left > 0);
        if (next) {
          const size = Math.min(next.block.length, next.left);
          // A copy each time: nothing the reader keeps is shared.
          controller.enqueue(Uint8Array.from(next.block.subarray(0, size)));
          next.left -= size;
          sent += size;
        }
        if (chunks.every((chunk) => chunk.left === 0)) {
          endedAt = performance.now();
          controller.close();
        }
      },
      cancel() {
        endedAt = performance.now();
      },
    },
    NOTHING_AHEAD,
  );
  return { stream, pulled: () => sent, endedAt: () => endedAt };
}

/** A body that sends a space every `everyMs` until `signal` aborts: a client holding its upload open. */
export function tricklingBody(everyMs: number, signal: AbortSignal): StreamedBody {
  let pulled = 0;
  let endedAt: number | null = null;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (pulled > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, everyMs);
            signal.addEventListener(
              "abort",
              () => {
                clearTimeout(timer);
                resolve();
              },
              { once: true },
            );
          });
        }
        if (signal.aborted) {
          endedAt ??= performance.now();
          controller.error(new Error("the client went away"));
          return;
        }
        pulled++;
        controller.enqueue(Buffer.from(" "));
      },
      cancel() {
        endedAt ??= performance.now();
      },
    },
    NOTHING_AHEAD,
  );
  return { stream, pulled: () => pulled, endedAt: () => endedAt };
}

/** POST /api/conversations/import in process, with a streamed body, from `client`. */
export function postImport(body: ReadableStream<Uint8Array> | string, client = "192.0.2.1", headers: Record<string, string> = {}) {
  return importRoute(
    new Request("http://localhost/api/conversations/import", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-type": "application/json", "x-forwarded-for": client, ...headers },
    } as RequestInit),
  );
}

export async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...error };
}

const BOMB_BYTES = 48 * 1024 * 1024;

/** The red team's parse bombs: 48 MB that JSON.parse takes seconds and over a gigabyte of heap to read. */
export const BOMBS: Record<string, () => StreamedBody> = {
  "nested arrays [[[[…]]]]": () =>
    patternBody([
      ["[", BOMB_BYTES / 2],
      ["]", BOMB_BYTES / 2],
    ]),
  "empty objects [{},{},…]": () =>
    patternBody([
      ["[", 1],
      ["{},", BOMB_BYTES - 3 - ((BOMB_BYTES - 3) % 3)],
      ["{}]", 3],
    ]),
  // Within the bounds on values and containers, but one list zod would check in one pass (8 s, 2 GB).
  "a transcript of 1.6 million bad messages": () => {
    const unit = '{"role":"x","content":1},';
    return patternBody([
      ['{"messages":[', 13],
      [unit, BOMB_BYTES - (BOMB_BYTES % unit.length)],
      ['{"role":"x","content":1}]}', 26],
    ]);
  },
  "a ChatGPT mapping of a million nodes": () => {
    const unit = '"n":{"id":1},';
    return patternBody([
      ['[{"mapping":{', 13],
      [unit, BOMB_BYTES - (BOMB_BYTES % unit.length)],
      ['"n":{"id":1}}}]', 15],
    ]);
  },
  "a 48 MB number": () =>
    patternBody([
      ["[", 1],
      ["1", BOMB_BYTES],
      ["]", 1],
    ]),
};

/** A file that is already in memory, sent in 64 KB chunks. */
export function bufferBody(bytes: Buffer): StreamedBody {
  let sent = 0;
  let endedAt: number | null = null;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        controller.enqueue(Uint8Array.from(bytes.subarray(sent, sent + CHUNK)));
        sent = Math.min(bytes.length, sent + CHUNK);
        if (sent === bytes.length) {
          endedAt = performance.now();
          controller.close();
        }
      },
      cancel() {
        endedAt = performance.now();
      },
    },
    NOTHING_AHEAD,
  );
  return { stream, pulled: () => sent, endedAt: () => endedAt };
}
