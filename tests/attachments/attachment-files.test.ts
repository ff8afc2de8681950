import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attachmentType, looksLikeText } from "@/lib/attachments/attachment-type";
import { contentDisposition, MAX_NAME_CHARS, safeFileName } from "@/lib/attachments/file-name";
import { MetadataStripper } from "@/lib/attachments/strip-metadata";
import { jpegWithExif, pngWithMetadata, pngWithoutMetadata } from "../support/sample-files";

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

  it("passes anything else, or anything that does not parse, through unchanged", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom("image/png", "image/jpeg", "image/gif", "application/pdf"),
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
