// The text extractor's thread (lib/attachments/extract/text-extractor.ts starts it): a file's text,
// page by page, from PDF (pdfjs-dist), DOCX (mammoth) or UTF-8 text. Plain JavaScript: Node runs it as
// it is, in development and in the standalone build. A job that runs too long is ended by terminating
// this thread; its JavaScript heap is bounded by the thread's resource limits.
// It receives { id, kind, bytes, limits: { maxPages, maxChars, maxUnzippedBytes, maxEntries } } and
// answers { id, pages: [{ page, text }], truncated } or { id, error }.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parentPort } from "node:worker_threads";
import { inflateRawSync } from "node:zlib";

const require = createRequire(import.meta.url);

/**
 * Checks a ZIP (a DOCX) before anything unpacks it: its entries, and what each inflates to, by
 * actually inflating with a cap, never by trusting the sizes it declares. Throws past the limits.
 */
function checkZip(bytes, { maxUnzippedBytes, maxEntries }) {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > view.length) throw new Error("The document is not a valid DOCX (no ZIP directory).");
  const entries = view.readUInt16LE(end + 10);
  let at = view.readUInt32LE(end + 16);
  if (entries > maxEntries) throw new Error(`The document has ${entries} parts; at most ${maxEntries} are read.`);
  let left = maxUnzippedBytes;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > view.length || view.readUInt32LE(at) !== 0x02014b50) throw new Error("The document's ZIP directory is damaged.");
    const method = view.readUInt16LE(at + 10);
    const compressed = view.readUInt32LE(at + 20);
    const nameLength = view.readUInt16LE(at + 28);
    const extraLength = view.readUInt16LE(at + 30);
    const commentLength = view.readUInt16LE(at + 32);
    const local = view.readUInt32LE(at + 42);
    if (compressed === 0xffffffff || local === 0xffffffff) throw new Error("The document is too large to read (ZIP64).");
    if (local + 30 > view.length || view.readUInt32LE(local) !== 0x04034b50) throw new Error("The document's ZIP entries are damaged.");
    const dataStart = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
    const data = view.subarray(dataStart, dataStart + compressed);
    let size;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, left) }).length;
      } catch (error) {
        if (error?.code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError)
          throw new Error(`The document unpacks to more than ${maxUnzippedBytes} bytes.`);
        throw new Error("The document's ZIP entries are damaged.");
      }
    } else throw new Error("The document uses a ZIP compression it cannot be read with.");
    left -= size;
    if (left < 0) throw new Error(`The document unpacks to more than ${maxUnzippedBytes} bytes.`);
    at += 46 + nameLength + extraLength + commentLength;
  }
}

/** Keeps text within maxChars over all pages: what is over is left out, and said so. */
function bounded(pages, maxChars) {
  let left = maxChars;
  const kept = [];
  for (const page of pages) {
    if (left <= 0) return { pages: kept, truncated: true };
    kept.push({ page: page.page, text: page.text.slice(0, left) });
    left -= page.text.length;
  }
  return { pages: kept, truncated: left < 0 };
}

async function pdfPages(bytes, { maxPages, maxChars }) {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const fonts = `${join(dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;
  const document = await getDocument({
    data: bytes,
    standardFontDataUrl: fonts,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages = [];
  let chars = 0;
  const count = Math.min(document.numPages, maxPages);
  for (let number = 1; number <= count && chars <= maxChars; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join("");
    pages.push({ page: number, text });
    chars += text.length;
    page.cleanup();
  }
  await document.destroy();
  const result = bounded(pages, maxChars);
  return { ...result, truncated: result.truncated || document.numPages > maxPages, pageCount: document.numPages };
}

async function docxPages(bytes, limits) {
  checkZip(bytes, limits);
  const mammoth = require("mammoth");
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  return bounded([{ page: null, text: value }], limits.maxChars);
}

function textPages(bytes, { maxChars }) {
  return bounded([{ page: null, text: new TextDecoder().decode(bytes) }], maxChars);
}

let chain = Promise.resolve();
parentPort.on("message", ({ id, kind, bytes, limits }) => {
  chain = chain.then(async () => {
    try {
      const read =
        kind === "pdf" ? await pdfPages(bytes, limits) : kind === "docx" ? await docxPages(bytes, limits) : textPages(bytes, limits);
      parentPort.postMessage({ id, ...read });
    } catch (error) {
      parentPort.postMessage({ id, error: String(error?.message ?? error) });
    }
  });
});
