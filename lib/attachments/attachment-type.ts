// What kind of file an attachment is, decided from its bytes: file-type's reading of its first bytes,
// and whether they are UTF-8 text. The name only tells text apart (Markdown, CSV, JSON, anything else
// is plain text); it never makes a file an image or a document. Pure: tested with properties.

export type AttachmentKind = "image" | "pdf" | "docx" | "text";

export interface AttachmentType {
  kind: AttachmentKind;
  mediaType: string;
}

/** Images whose bytes may be shown inline: nothing in them runs. */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The binary types accepted, as file-type names them. */
const BY_BYTES: Record<string, AttachmentType> = {
  "application/pdf": { kind: "pdf", mediaType: "application/pdf" },
  [DOCX]: { kind: "docx", mediaType: DOCX },
  ...Object.fromEntries([...INLINE_IMAGE_TYPES].map((type) => [type, { kind: "image", mediaType: type }])),
  // An animated PNG is a PNG to every browser.
  "image/apng": { kind: "image", mediaType: "image/png" },
};

/** The extension a download of each binary type must end with, so that the saved file opens as what it is. */
const EXTENSIONS: Record<string, string[]> = {
  "application/pdf": ["pdf"],
  [DOCX]: ["docx"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/webp": ["webp"],
  "image/gif": ["gif"],
};

/** Extensions a saved text file must not end with: the system would open it as a page or a program. */
const ACTIVE_EXTENSIONS = /\.(html?|xht(ml)?|svgz?|xml|js|mjs|hta|bat|cmd|ps1|vbs|exe|sh)$/i;

/** The name a file downloads as: its own, with its type's extension added when it lacks it, and text never saved as something active. */
export function downloadName(name: string, mediaType: string): string {
  const extensions = EXTENSIONS[mediaType];
  if (extensions) return extensions.some((extension) => name.toLowerCase().endsWith(`.${extension}`)) ? name : `${name}.${extensions[0]}`;
  return ACTIVE_EXTENSIONS.test(name) ? `${name}.txt` : name;
}

const TEXT_BY_EXTENSION: Record<string, string> = {
  md: "text/markdown",
  markdown: "text/markdown",
  csv: "text/csv",
  json: "application/json",
};

/** Text is served and read as UTF-8. */
export const TEXT_CHARSET = "utf-8";

/**
 * The attachment's type: from `sniffed` (file-type's media type for the bytes, undefined when it
 * recognises none) when it is one accepted, else text when the bytes are (`looksText`), else null:
 * not accepted. Text that file-type names (XML, SVG, HTML) stays text, never an image or a page.
 */
export function attachmentType(sniffed: string | undefined, looksText: boolean, name: string): AttachmentType | null {
  const binary = sniffed ? BY_BYTES[sniffed] : undefined;
  if (binary) return binary;
  if (!looksText) return null;
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase() ?? "";
  return { kind: "text", mediaType: TEXT_BY_EXTENSION[extension] ?? "text/plain" };
}

/**
 * Whether `head`, a file's first bytes (`whole`: all of it), reads as UTF-8 text: no NUL, and no
 * invalid sequence (one cut at the end of a head that is not the whole file is allowed).
 */
export function looksLikeText(head: Uint8Array, whole: boolean): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: !whole });
    return true;
  } catch {
    return false;
  }
}

/** What the user reads for a type: "PDF", "Word document", "PNG image", "text". */
export function typeLabel(mediaType: string): string {
  if (mediaType === "application/pdf") return "PDF";
  if (mediaType === DOCX) return "Word document";
  if (mediaType.startsWith("image/")) return `${mediaType.slice(6).toUpperCase()} image`;
  if (mediaType === "text/markdown") return "Markdown";
  if (mediaType === "text/csv") return "CSV";
  if (mediaType === "application/json") return "JSON";
  return "text";
}
