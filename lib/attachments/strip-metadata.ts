// Strips what a photo says about where and when it was taken (EXIF: location, time, camera; XMP;
// IPTC; comments) from JPEG, PNG, WebP and GIF as their bytes stream through, without decoding or
// re-encoding the image and without holding it whole. Pure: tested with properties.

/** JPEG segments dropped: APP1 (EXIF, XMP), APP13 (IPTC), COM. Kept: JFIF, ICC colour profiles, Adobe. */
const JPEG_DROPPED = new Set([0xe1, 0xed, 0xfe]);
/** PNG chunks dropped: EXIF, text (which may hold any metadata), and the time it was made. */
const PNG_DROPPED = new Set(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/**
 * WebP chunks blanked: EXIF and XMP. Removing one would change the file's size, which the RIFF header
 * gives in its first bytes, written and stored long before the chunk comes (last, after the image
 * data); so the chunk is renamed filler ("JUNK", as RIFF files pad) of the same size, its bytes zeroed.
 * Every size stays true, and readers skip chunks they do not know: the container spec allows them
 * where EXIF and XMP stand, and libwebp's decoder and demuxer skip them.
 */
const WEBP_BLANKED = new Set(["EXIF", "XMP "]);
const WEBP_FILLER = [0x4a, 0x55, 0x4e, 0x4b];
/** The VP8X flags that announce EXIF and XMP: cleared, as those chunks are no more. */
const VP8X_METADATA_FLAGS = 0x08 | 0x04;
/**
 * GIF application extensions kept: looping (without it an animation plays once) and the ICC colour
 * profile, as JPEG's is kept. Others (XMP, IPTC, an editor's own) are dropped, as are comments.
 */
const GIF_KEPT_APPLICATIONS = new Set(["NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012"]);
const GIF_SIGNATURES = new Set(["GIF87a", "GIF89a"]);
/**
 * Segments, chunks or blocks read at most: a real image has tens (a PNG split into small data chunks,
 * a GIF animation's frames, a few thousand); a file made of millions of tiny ones would cost a header's
 * work each, so past this the rest passes through as it is.
 */
const MAX_HEADERS = 20_000;

type Format = "jpeg" | "png" | "webp" | "gif";
const FORMATS = new Map<string, Format>([
  ["image/jpeg", "jpeg"],
  ["image/png", "png"],
  ["image/webp", "webp"],
  ["image/gif", "gif"],
]);

/** `zero`: as many zero bytes as it reads. `*-blocks`: a GIF chain of sub-blocks, `left` the bytes to the next one's length. */
type Mode =
  | { kind: "header" }
  | { kind: "copy" | "skip" | "zero"; left: number }
  | { kind: "copy-blocks" | "skip-blocks"; left: number }
  | { kind: "pass" };

/**
 * A filter for one file's bytes: `push` each chunk in order and write what it returns, then `end`.
 * `mediaType` other than JPEG, PNG, WebP or GIF passes through unchanged; so does anything after the
 * part where metadata can be (a JPEG's image data, what follows a GIF's trailer) or anything that
 * does not parse as the format.
 */
export class MetadataStripper {
  private pending = new Uint8Array(0);
  private mode: Mode;
  private started = false;
  private headers = 0;
  private readonly format: Format | null;

  constructor(mediaType: string) {
    this.format = FORMATS.get(mediaType) ?? null;
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
      if (mode.kind === "copy" || mode.kind === "skip" || mode.kind === "zero") {
        const take = Math.min(mode.left, bytes.length);
        if (mode.kind === "copy") out.push(bytes.subarray(0, take));
        if (mode.kind === "zero") out.push(new Uint8Array(take));
        bytes = bytes.subarray(take);
        mode.left -= take;
        if (mode.left === 0) this.mode = { kind: "header" };
        continue;
      }
      if (mode.kind === "copy-blocks" || mode.kind === "skip-blocks") {
        // Walked here rather than as headers: an image's data is thousands of sub-blocks, each a length byte and its bytes.
        let at = 0;
        while (at < bytes.length) {
          if (mode.left > 0) {
            const take = Math.min(mode.left, bytes.length - at);
            at += take;
            mode.left -= take;
            continue;
          }
          const size = bytes[at++];
          if (size === 0) {
            this.mode = { kind: "header" };
            break;
          }
          mode.left = size;
        }
        if (mode.kind === "copy-blocks") out.push(bytes.subarray(0, at));
        bytes = bytes.subarray(at);
        continue;
      }
      const used = ++this.headers > MAX_HEADERS ? this.passAll() : this.header(bytes, out);
      if (used === 0 && this.mode.kind !== "pass") {
        // Too few bytes to read the next header: wait for more.
        this.headers--;
        // A copy (a Buffer's slice would be a view): the caller may reuse its chunk.
        this.pending = Uint8Array.from(bytes);
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

  private header(bytes: Uint8Array, out: Uint8Array[]): number {
    switch (this.format) {
      case "jpeg":
        return this.jpegHeader(bytes, out);
      case "png":
        return this.pngHeader(bytes, out);
      case "webp":
        return this.webpHeader(bytes, out);
      default:
        return this.gifHeader(bytes, out);
    }
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

  /** Reads the RIFF header or one chunk's header at the start of `bytes`: the bytes it used, 0 if it needs more. */
  private webpHeader(bytes: Uint8Array, out: Uint8Array[]): number {
    if (!this.started) {
      if (bytes.length < 12) return 0;
      this.started = true;
      if (latin1(bytes, 0, 4) !== "RIFF" || latin1(bytes, 8, 12) !== "WEBP") return this.passAll();
      out.push(bytes.subarray(0, 12));
      return 12;
    }
    // Chunks are read to the file's end, past the size the RIFF header gives too: what follows it is no image to harm.
    if (bytes.length < 8) return 0;
    const type = latin1(bytes, 0, 4);
    if (!/^[\x20-\x7e]{4}$/.test(type)) return this.passAll();
    const size = littleEndian32(bytes, 4);
    // The payload and, when its size is odd, a pad byte.
    const padded = size + (size & 1);
    let used = 8;
    if (WEBP_BLANKED.has(type)) {
      const filler = Uint8Array.from(bytes.subarray(0, 8));
      filler.set(WEBP_FILLER);
      out.push(filler);
      this.mode = { kind: "zero", left: padded };
    } else if (type === "VP8X" && size > 0) {
      // The header and the flags byte, the first of its payload.
      if (bytes.length < 9) return 0;
      const start = Uint8Array.from(bytes.subarray(0, 9));
      start[8] &= ~VP8X_METADATA_FLAGS;
      out.push(start);
      used = 9;
      this.mode = { kind: "copy", left: padded - 1 };
    } else {
      out.push(bytes.subarray(0, 8));
      this.mode = { kind: "copy", left: padded };
    }
    return used;
  }

  /** Reads the GIF header or one block's start at the start of `bytes`: the bytes it used, 0 if it needs more. */
  private gifHeader(bytes: Uint8Array, out: Uint8Array[]): number {
    if (!this.started) {
      // The signature, then the logical screen descriptor and its global colour table.
      if (bytes.length < 13) return 0;
      if (!GIF_SIGNATURES.has(latin1(bytes, 0, 6))) return this.passAll();
      const used = 13 + colourTableBytes(bytes[10]);
      if (bytes.length < used) return 0;
      this.started = true;
      out.push(bytes.subarray(0, used));
      return used;
    }
    // The trailer: nothing of the image follows.
    if (bytes[0] === 0x3b) return this.passAll();
    if (bytes[0] === 0x2c) {
      // An image: its descriptor, local colour table and LZW code size, then its data in sub-blocks.
      if (bytes.length < 10) return 0;
      const used = 10 + colourTableBytes(bytes[9]) + 1;
      if (bytes.length < used) return 0;
      out.push(bytes.subarray(0, used));
      this.mode = { kind: "copy-blocks", left: 0 };
      return used;
    }
    if (bytes[0] !== 0x21) return this.passAll();
    // An extension: its label, then sub-blocks; an application's first one names it.
    if (bytes.length < 2) return 0;
    let dropped = bytes[1] === 0xfe;
    if (bytes[1] === 0xff) {
      if (bytes.length < 3 || bytes.length < 3 + bytes[2]) return 0;
      dropped = !GIF_KEPT_APPLICATIONS.has(latin1(bytes, 3, 3 + bytes[2]));
    }
    if (!dropped) out.push(bytes.subarray(0, 2));
    this.mode = { kind: dropped ? "skip-blocks" : "copy-blocks", left: 0 };
    return 2;
  }

  private passAll(): number {
    this.mode = { kind: "pass" };
    return 0;
  }
}

/** A GIF colour table's bytes, from the packed byte of the descriptor it follows. */
function colourTableBytes(packed: number): number {
  return packed & 0x80 ? 3 << ((packed & 0x07) + 1) : 0;
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

function littleEndian32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
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
