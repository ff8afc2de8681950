// Strips what a photo says about where and when it was taken (EXIF: location, time, camera; XMP;
// IPTC; comments) from JPEG and PNG as their bytes stream through, without decoding or re-encoding
// the image and without holding it whole. Pure: tested with properties.

/** JPEG segments dropped: APP1 (EXIF, XMP), APP13 (IPTC), COM. Kept: JFIF, ICC colour profiles, Adobe. */
const JPEG_DROPPED = new Set([0xe1, 0xed, 0xfe]);
/** PNG chunks dropped: EXIF, text (which may hold any metadata), and the time it was made. */
const PNG_DROPPED = new Set(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/**
 * Segments or chunks read at most: a real image has tens (a PNG split into small data chunks, a few
 * thousand); a file made of millions of tiny ones would cost a header's work each, so past this the
 * rest passes through as it is.
 */
const MAX_HEADERS = 20_000;

type Mode = { kind: "header" } | { kind: "copy" | "skip"; left: number } | { kind: "pass" };

/**
 * A filter for one file's bytes: `push` each chunk in order and write what it returns, then `end`.
 * `mediaType` other than JPEG or PNG passes through unchanged; so does anything after the part
 * where metadata can be (a JPEG's image data) or anything that does not parse as the format.
 */
export class MetadataStripper {
  private pending = new Uint8Array(0);
  private mode: Mode;
  private started = false;
  private headers = 0;
  private readonly format: "jpeg" | "png" | null;

  constructor(mediaType: string) {
    this.format = mediaType === "image/jpeg" ? "jpeg" : mediaType === "image/png" ? "png" : null;
    this.mode = this.format ? { kind: "header" } : { kind: "pass" };
  }

  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let bytes = this.pending.length > 0 ? concat(this.pending, chunk) : chunk;
    this.pending = new Uint8Array(0);
    while (bytes.length > 0) {
      const mode = this.mode;
      if (mode.kind === "pass") {
        out.push(bytes);
        break;
      }
      if (mode.kind === "copy" || mode.kind === "skip") {
        const take = Math.min(mode.left, bytes.length);
        if (mode.kind === "copy") out.push(bytes.subarray(0, take));
        bytes = bytes.subarray(take);
        mode.left -= take;
        if (mode.left === 0) this.mode = { kind: "header" };
        continue;
      }
      const used =
        ++this.headers > MAX_HEADERS ? this.passAll() : this.format === "jpeg" ? this.jpegHeader(bytes, out) : this.pngHeader(bytes, out);
      if (used === 0 && this.mode.kind !== "pass") {
        // Too few bytes to read the next header: wait for more.
        this.headers--;
        this.pending = bytes.slice();
        break;
      }
      bytes = bytes.subarray(used);
    }
    // One piece a call, however many segments it crossed: what comes after (hashing, chunking) works per piece.
    return out.length > 1 ? [concat(...out)] : out;
  }

  /** What was held back waiting for a header that never came, unchanged. */
  end(): Uint8Array[] {
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    return rest.length > 0 ? [rest] : [];
  }

  /** Reads one JPEG marker at the start of `bytes`: returns the bytes it used, 0 if it needs more. */
  private jpegHeader(bytes: Uint8Array, out: Uint8Array[]): number {
    if (!this.started) {
      if (bytes.length < 2) return 0;
      this.started = true;
      if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return this.passAll();
      out.push(bytes.subarray(0, 2));
      return 2;
    }
    if (bytes.length < 2) return 0;
    if (bytes[0] !== 0xff) return this.passAll();
    const marker = bytes[1];
    // Fill bytes before a marker carry nothing: a run of them is skipped at once, up to the last 0xFF.
    if (marker === 0xff) {
      let run = 1;
      while (bytes[run + 1] === 0xff) run++;
      return run;
    }
    // Markers without a length (restart, TEM).
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(bytes.subarray(0, 2));
      return 2;
    }
    // Start of scan, or end of image: the image data follows, with no metadata after it.
    if (marker === 0xda || marker === 0xd9) return this.passAll();
    if (bytes.length < 4) return 0;
    const length = (bytes[2] << 8) | bytes[3];
    if (length < 2) return this.passAll();
    const dropped = JPEG_DROPPED.has(marker);
    if (!dropped) out.push(bytes.subarray(0, 4));
    this.mode = length > 2 ? { kind: dropped ? "skip" : "copy", left: length - 2 } : { kind: "header" };
    return 4;
  }

  /** Reads the PNG signature or one chunk's header at the start of `bytes`: the bytes it used, 0 if it needs more. */
  private pngHeader(bytes: Uint8Array, out: Uint8Array[]): number {
    if (!this.started) {
      if (bytes.length < PNG_SIGNATURE.length) return 0;
      this.started = true;
      if (PNG_SIGNATURE.some((byte, i) => bytes[i] !== byte)) return this.passAll();
      out.push(bytes.subarray(0, PNG_SIGNATURE.length));
      return PNG_SIGNATURE.length;
    }
    if (bytes.length < 8) return 0;
    const length = ((bytes[0] << 24) >>> 0) + (bytes[1] << 16) + (bytes[2] << 8) + bytes[3];
    const type = String.fromCharCode(bytes[4], bytes[5], bytes[6], bytes[7]);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return this.passAll();
    const dropped = PNG_DROPPED.has(type);
    if (!dropped) out.push(bytes.subarray(0, 8));
    // The chunk's data and its CRC.
    this.mode = { kind: dropped ? "skip" : "copy", left: length + 4 };
    return 8;
  }

  private passAll(): number {
    this.mode = { kind: "pass" };
    return 0;
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
