import { crc32, deflateRawSync, deflateSync } from "node:zlib";

// Real files, built byte by byte: what a camera or an editor writes, metadata included.

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A `width`×`height` red PNG that carries EXIF (a GPS position), a text comment and a time, as phones and editors write them. */
export function pngWithMetadata(width = 3, height = 2): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(
    Array.from({ length: height }, () => Buffer.from([0, ...Array.from({ length: width }, () => [255, 0, 0]).flat()])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("tEXt", Buffer.from("Comment\0Taken at 51.5007 N, 0.1246 W", "latin1")),
    pngChunk("eXIf", Buffer.from("MM\0*GPSLatitude 51.5007", "latin1")),
    pngChunk("IDAT", deflateSync(rows)),
    pngChunk("tIME", Buffer.from([0x07, 0xea, 12, 7, 10, 0, 0])),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The same PNG as it should be stored: its metadata chunks gone, the image untouched. */
export function pngWithoutMetadata(width = 3, height = 2): Buffer {
  const full = pngWithMetadata(width, height);
  const kept: Buffer[] = [full.subarray(0, 8)];
  for (let at = 8; at < full.length; ) {
    const length = full.readUInt32BE(at);
    const type = full.toString("latin1", at + 4, at + 8);
    const end = at + 12 + length;
    if (!["tEXt", "eXIf", "tIME"].includes(type)) kept.push(full.subarray(at, end));
    at = end;
  }
  return Buffer.concat(kept);
}

function jpegSegment(marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

/** A JPEG's structure with an EXIF segment holding a GPS position: JFIF, EXIF, a frame of `width`×`height`, a scan. */
export function jpegWithExif(width = 640, height = 480): Buffer {
  const frame = Buffer.from([8, 0, 0, 0, 0, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
  frame.writeUInt16BE(height, 1);
  frame.writeUInt16BE(width, 3);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1")),
    jpegSegment(0xe1, Buffer.from("Exif\0\0MM\0*GPSLatitude 51.5007 N", "latin1")),
    jpegSegment(0xfe, Buffer.from("Shot on a phone at home", "latin1")),
    jpegSegment(0xc0, frame),
    jpegSegment(0xda, Buffer.from([3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0x56, 0xff, 0x00, 0x78]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** `fields` (value, bit count) packed least significant bit first, as VP8L and GIF's LZW codes are. */
function packBits(fields: [value: number, bits: number][]): Buffer {
  const bytes: number[] = [];
  let at = 0;
  for (const [value, bits] of fields) {
    for (let bit = 0; bit < bits; bit++, at++) {
      if (at % 8 === 0) bytes.push(0);
      bytes[bytes.length - 1] |= ((value >> bit) & 1) << (at % 8);
    }
  }
  return Buffer.from(bytes);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, "latin1");
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, Buffer.alloc(data.length % 2)]);
}

/** A lossless (VP8L) `width`×`height` red image: no transforms, one symbol in each prefix code, so a pixel takes no bits. */
function vp8lRed(width: number, height: number): Buffer {
  // A simple code of one 8-bit symbol.
  const code = (symbol: number): [number, number][] => [
    [1, 1],
    [0, 1],
    [1, 1],
    [symbol, 8],
  ];
  const bits = packBits([
    [width - 1, 14],
    [height - 1, 14],
    [0, 1],
    [0, 3],
    // No transform, no colour cache, no meta prefix codes.
    [0, 3],
    // Green, red, blue, alpha, distance.
    ...code(0),
    ...code(255),
    ...code(0),
    ...code(255),
    ...code(0),
  ]);
  return Buffer.concat([Buffer.from([0x2f]), bits]);
}

/** A `width`×`height` red WebP in the extended format, with EXIF (a GPS position) and XMP after the image as the container spec places them. */
export function webpWithMetadata(width = 3, height = 2): Buffer {
  const features = Buffer.alloc(10);
  // Flags: EXIF, XMP.
  features[0] = 0x08 | 0x04;
  features.writeUIntLE(width - 1, 4, 3);
  features.writeUIntLE(height - 1, 7, 3);
  const chunks = Buffer.concat([
    Buffer.from("WEBP", "latin1"),
    riffChunk("VP8X", features),
    riffChunk("VP8L", vp8lRed(width, height)),
    // An odd size: a pad byte follows.
    riffChunk("EXIF", Buffer.from("MM\0*GPSLatitude 51.5007 N", "latin1")),
    riffChunk(
      "XMP ",
      Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>51,30.04N</exif:GPSLatitude></x:xmpmeta>', "latin1"),
    ),
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(chunks.length);
  return Buffer.concat([Buffer.from("RIFF", "latin1"), size, chunks]);
}

/** The same WebP as it should be stored: its EXIF and XMP chunks blanked into zeroed filler of the same size, their flags cleared, the rest untouched. */
export function webpWithoutMetadata(width = 3, height = 2): Buffer {
  const file = Buffer.from(webpWithMetadata(width, height));
  for (let at = 12; at < file.length; ) {
    const type = file.toString("latin1", at, at + 4);
    const length = file.readUInt32LE(at + 4);
    if (type === "VP8X") file[at + 8] &= ~(0x08 | 0x04);
    if (type === "EXIF" || type === "XMP ") {
      file.write("JUNK", at, "latin1");
      file.fill(0, at + 8, at + 8 + length + (length % 2));
    }
    at += 8 + length + (length % 2);
  }
  return file;
}

/** `data` as GIF sub-blocks: up to 255 bytes each after their length, then an empty one. */
function gifSubBlocks(data: Buffer): Buffer {
  const blocks: Buffer[] = [];
  for (let at = 0; at < data.length; at += 255) {
    const block = data.subarray(at, at + 255);
    blocks.push(Buffer.from([block.length]), block);
  }
  return Buffer.concat([...blocks, Buffer.from([0])]);
}

function gifApplication(name: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x21, 0xff, 11]), Buffer.from(name, "latin1"), gifSubBlocks(data)]);
}

/** `pixels` of colour 0 in LZW codes of 3 bits (minimum code size 2): a clear code before every two keeps the table, and so the code size, from growing. */
function gifLzw(pixels: number): Buffer {
  const codes: [number, number][] = [];
  for (let i = 0; i < pixels; i++) {
    if (i % 2 === 0) codes.push([4, 3]);
    codes.push([0, 3]);
  }
  codes.push([5, 3]);
  return packBits(codes);
}

function gif(width: number, height: number, metadata: boolean): Buffer {
  const screen = Buffer.alloc(7);
  screen.writeUInt16LE(width, 0);
  screen.writeUInt16LE(height, 2);
  // A global colour table of two colours: red, white.
  screen[4] = 0x80;
  const image = Buffer.alloc(10);
  image[0] = 0x2c;
  image.writeUInt16LE(width, 5);
  image.writeUInt16LE(height, 7);
  const xmp =
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>51,30.04N</exif:GPSLatitude></x:xmpmeta><?xpacket end="w"?>';
  // XMP is written as it is, not in sub-blocks: the "magic trailer" (1, 255 down to 0, then 0) ends the chain wherever its lengths land.
  const magicTrailer = Buffer.from([1, ...Array.from({ length: 256 }, (_, i) => 255 - i), 0]);
  return Buffer.concat([
    Buffer.from("GIF89a", "latin1"),
    screen,
    Buffer.from([255, 0, 0, 255, 255, 255]),
    gifApplication("NETSCAPE2.0", Buffer.from([1, 0, 0])),
    gifApplication("ICCRGBG1012", Buffer.from("a colour profile", "latin1")),
    ...(metadata ? [Buffer.from([0x21, 0xfe]), gifSubBlocks(Buffer.from("Taken at 51.5007 N, 0.1246 W", "latin1"))] : []),
    // A graphic control extension: a delay of 0.1 s.
    Buffer.from([0x21, 0xf9, 4, 0, 10, 0, 0, 0]),
    image,
    Buffer.from([2]),
    gifSubBlocks(gifLzw(width * height)),
    ...(metadata ? [Buffer.from([0x21, 0xff, 11]), Buffer.from(`XMP DataXMP${xmp}`, "latin1"), magicTrailer] : []),
    Buffer.from([0x3b]),
  ]);
}

/** A `width`×`height` red GIF that loops and has a colour profile, with a comment (a position) before its frame and XMP after it. */
export function gifWithMetadata(width = 40, height = 30): Buffer {
  return gif(width, height, true);
}

/** The same GIF as it should be stored: the comment and XMP gone, the rest untouched. */
export function gifWithoutMetadata(width = 40, height = 30): Buffer {
  return gif(width, height, false);
}

/** A small PDF with one page of text. */
export function pdfBytes(text = "Page one of the quarterly report."): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R>> endobj\n4 0 obj <</Length ${text.length + 30}>> stream\nBT /F1 12 Tf 72 712 Td (${text}) Tj ET\nendstream endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
    "latin1",
  );
}

/**
 * A valid PDF (cross-reference table and all) with one page of text per entry of `pages`; `[]` a page
 * with no text layer, as a scan. `padBytes`: each page also carries an image-sized stream of that many
 * bytes, as scanned or illustrated pages do, which text extraction never reads.
 */
export function pdfWithPages(pages: string[][], padBytes = 0): Buffer {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  pages.forEach((lines, i) => {
    const escaped = lines.map((line) => line.replace(/[\\()]/g, (c) => `\\${c}`));
    const stream = escaped.length
      ? `BT /F1 12 Tf 72 720 Td 14 TL ${escaped.map((line) => `(${line}) Tj T*`).join(" ")} ET`
      : "0.9 g 72 72 468 648 re f";
    objects[pageIds[i]] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`;
    objects[pageIds[i] + 1] = `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`;
  });
  if (padBytes > 0) {
    const pad = "0".repeat(padBytes);
    for (let i = 0; i < pages.length; i++) objects.push(`<< /Length ${padBytes} >>\nstream\n${pad}\nendstream`);
  }
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, "latin1");
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n${offsets
    .slice(1)
    .map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`)
    .join("")}trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** A ZIP of `entries` (name, content), each deflated, as an office document is written. */
export function zipBytes(entries: [string, Buffer, number?, Buffer?][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // A third element declares a size other than the content's (a bomb's lie); a fourth is the entry's extra field.
  for (const [name, content, declared = content.length, extra = Buffer.alloc(0)] of entries) {
    const data = deflateRawSync(content);
    const fileName = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc32(content), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(declared, 22);
    header.writeUInt16LE(fileName.length, 26);
    header.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(content), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(header, fileName, extra, data);
    centrals.push(central, fileName, extra);
    offset += header.length + fileName.length + extra.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length & 0xffff, 8);
  end.writeUInt16LE(entries.length & 0xffff, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A Word document (DOCX) with one paragraph per entry; `documentXml` replaces its body's XML (a bomb's). */
export function docxBytes(paragraphs: string[], documentXml?: Buffer): Buffer {
  const xmlText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const body = paragraphs.map((text) => `<w:p><w:r><w:t>${xmlText(text)}</w:t></w:r></w:p>`).join("");
  return zipBytes([
    [
      "[Content_Types].xml",
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    ],
    [
      "_rels/.rels",
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    ],
    [
      "word/document.xml",
      documentXml ??
        Buffer.from(
          `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
        ),
    ],
  ]);
}
