import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attachmentType, looksLikeText } from "@/lib/attachments/attachment-type";
import { contentDisposition, MAX_NAME_CHARS, safeFileName } from "@/lib/attachments/file-name";
import { MetadataStripper } from "@/lib/attachments/strip-metadata";
import {
  gifWithMetadata,
  gifWithoutMetadata,
  jpegWithExif,
  pngWithMetadata,
  pngWithoutMetadata,
  webpWithMetadata,
  webpWithoutMetadata,
} from "../support/sample-files";

/** `bytes` through a stripper in the chunks that `cuts` make. */
function strip(mediaType: string, bytes: Uint8Array, cuts: number[]): Buffer {
  const stripper = new MetadataStripper(mediaType);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    out.push(...stripper.push(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(...stripper.push(bytes.subarray(from)), ...stripper.end());
  return Buffer.concat(out);
}

describe("metadata stripping", () => {
  it("gives the same bytes however the file arrives in chunks, with the metadata gone and the image kept", () => {
    const png = pngWithMetadata(5, 4);
    const jpeg = jpegWithExif(320, 240);
    const jpegKept = strip("image/jpeg", jpeg, []);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        expect(strip("image/png", png, cuts)).toEqual(pngWithoutMetadata(5, 4));
        expect(strip("image/jpeg", jpeg, cuts)).toEqual(jpegKept);
      }),
    );
    expect(jpegKept.includes(Buffer.from("Exif"))).toBe(false);
    expect(jpegKept.includes(Buffer.from("JFIF"))).toBe(true);
    // Everything from the frame on is as it was.
    expect(jpegKept.subarray(jpegKept.indexOf(Buffer.from([0xff, 0xc0])))).toEqual(jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xc0]))));
  });

  it("blanks a WebP's EXIF and XMP where they stand, every size kept true, however the file arrives in chunks", () => {
    const webp = webpWithMetadata(40, 30);
    const sent = Buffer.from(webp);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        expect(strip("image/webp", webp, cuts)).toEqual(webpWithoutMetadata(40, 30));
      }),
    );
    expect(webp).toEqual(sent);
    const kept = strip("image/webp", webp, []);
    expect(kept.length).toBe(webp.length);
    for (const gone of ["EXIF", "XMP ", "GPSLatitude", "51.5007"]) expect(kept.includes(Buffer.from(gone, "latin1"))).toBe(false);
    // The RIFF header and the image as they were; the VP8X flags no longer announce EXIF or XMP.
    expect(kept.subarray(0, 20)).toEqual(webp.subarray(0, 20));
    expect(kept[20]).toBe(0);
    const [from, to] = [webp.indexOf("VP8L"), webp.indexOf("EXIF")];
    expect(kept.subarray(from, to)).toEqual(webp.subarray(from, to));
  });

  it("drops a GIF's comments and metadata but keeps its looping, colour profile and frames, however the file arrives in chunks", () => {
    const gif = gifWithMetadata();
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        expect(strip("image/gif", gif, cuts)).toEqual(gifWithoutMetadata());
      }),
    );
    const kept = strip("image/gif", gif, []);
    for (const gone of ["51.5007", "XMP DataXMP", "GPSLatitude"]) expect(kept.includes(Buffer.from(gone, "latin1"))).toBe(false);
    for (const still of ["NETSCAPE2.0", "ICCRGBG1012"]) expect(kept.includes(Buffer.from(still, "latin1"))).toBe(true);
    // The frame (its control extension, descriptor and data in sub-blocks) byte for byte.
    const frame = gif.subarray(gif.indexOf(Buffer.from([0x21, 0xf9])), gif.indexOf("XMP DataXMP") - 3);
    expect(kept.includes(frame)).toBe(true);
  });

  it("passes a file without metadata, or stripped already, through byte for byte", () => {
    const files: [string, Buffer][] = [
      ["image/png", pngWithoutMetadata(5, 4)],
      ["image/webp", webpWithoutMetadata(40, 30)],
      ["image/gif", gifWithoutMetadata()],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.nat(), { maxLength: 12 }), ([type, file], cuts) => {
        expect(strip(type, file, cuts)).toEqual(file);
      }),
    );
  });

  it("never throws on a cut or damaged file, and gives the same bytes however it arrives", () => {
    const files: [string, Buffer][] = [
      ["image/png", pngWithMetadata(5, 4)],
      ["image/jpeg", jpegWithExif(320, 240)],
      ["image/webp", webpWithMetadata(40, 30)],
      ["image/gif", gifWithMetadata()],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        ([type, file], end, changes, cuts) => {
          const damaged = Buffer.from(file.subarray(0, end % (file.length + 1)));
          for (const [at, value] of changes) if (damaged.length > 0) damaged[at % damaged.length] = value;
          const out = strip(type, damaged, cuts);
          expect(out).toEqual(strip(type, damaged, []));
          // WebP metadata is blanked, never removed; the others' is dropped.
          if (type === "image/webp") expect(out.length).toBe(damaged.length);
          else expect(out.length).toBeLessThanOrEqual(damaged.length);
        },
      ),
    );
  });

  it("passes anything else, or anything that does not parse, through unchanged", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom("image/png", "image/jpeg", "image/webp", "image/gif", "application/pdf"),
        fc.array(fc.nat(), { maxLength: 5 }),
        (bytes, type, cuts) => {
          const out = strip(type, bytes, cuts);
          const parses = (type === "image/png" && bytes[0] === 0x89) || (type === "image/jpeg" && bytes[0] === 0xff && bytes[1] === 0xd8);
          if (!parses) expect(out).toEqual(Buffer.from(bytes));
          else expect(out.length).toBeLessThanOrEqual(bytes.length);
        },
      ),
    );
  });
});

describe("a file's type", () => {
  it("comes from its bytes: the name only tells kinds of text apart", () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(attachmentType("application/pdf", false, name)).toEqual({ kind: "pdf", mediaType: "application/pdf" });
        expect(attachmentType("image/png", false, name)?.kind).toBe("image");
        expect(attachmentType("application/zip", false, name)).toBeNull();
        expect(attachmentType("application/x-msdownload", true, name)?.kind ?? "text").toBe("text");
        expect(attachmentType(undefined, false, name)).toBeNull();
        expect(["text/plain", "text/markdown", "text/csv", "application/json"]).toContain(attachmentType(undefined, true, name)?.mediaType);
      }),
    );
    expect(attachmentType("image/svg+xml", true, "logo.svg")).toEqual({ kind: "text", mediaType: "text/plain" });
    expect(attachmentType(undefined, true, "README.MD")?.mediaType).toBe("text/markdown");
  });

  it("is text only for UTF-8 without NUL; a head may end inside a character", () => {
    expect(looksLikeText(Buffer.from("héllo ✓"), true)).toBe(true);
    expect(looksLikeText(Buffer.from("héllo").subarray(0, 2), false)).toBe(true);
    expect(looksLikeText(Buffer.from("héllo").subarray(0, 2), true)).toBe(false);
    expect(looksLikeText(Buffer.from([0x61, 0x00, 0x62]), true)).toBe(false);
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(looksLikeText(Buffer.from(text.replaceAll("\0", "")), true)).toBe(true);
      }),
    );
  });
});

describe("file names", () => {
  it("are safe to store and to send back in a header, whatever was given", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (raw) => {
        const name = safeFileName(raw);
        expect(name.length).toBeGreaterThan(0);
        expect([...name].length).toBeLessThanOrEqual(MAX_NAME_CHARS);
        expect(name).not.toMatch(/[/\\"\p{Cc}\p{Cf}]/u);
        expect(name.startsWith(".")).toBe(false);
        const header = contentDisposition("attachment", name);
        expect(header).toMatch(/^[\x20-\x7e]+$/);
        expect(decodeURIComponent(header.split("UTF-8''")[1])).toBe(name);
      }),
    );
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("report\u202Egpj.exe")).toBe("reportgpj.exe");
    expect(safeFileName(`${"a".repeat(300)}.pdf`)).toMatch(/^a{196}\.pdf$/);
  });
});
