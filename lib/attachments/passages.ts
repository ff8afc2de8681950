// A document's text cut into passages: a few paragraphs each, never across a page, so that a passage
// says where it came from and fits a prompt or a recall line. Pure: tested with properties.

/** A passage's length at most, in characters (about 300 tokens of English). */
export const PASSAGE_CHARS = 1_200;

/** Text as the extractor read it: a PDF's page (from 1), or a whole document (page null). */
export interface ExtractedPage {
  page: number | null;
  text: string;
}

export interface Passage {
  ordinal: number;
  page: number | null;
  text: string;
}

/** `text` cut at the last paragraph, line, sentence or word boundary within `max` characters (or at `max`). */
function cutAt(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const window = text.slice(0, max);
  for (const boundary of ["\n\n", "\n", ". ", " "]) {
    const at = window.lastIndexOf(boundary);
    if (at >= max / 2) return at + boundary.length;
  }
  // Never between the halves of a surrogate pair.
  return /[\uD800-\uDBFF]/.test(window.at(-1) ?? "") ? max - 1 : max;
}

/**
 * The pages' text as passages of at most `max` characters, in order: paragraphs of a page joined
 * while they fit, a longer one cut at a boundary. Whitespace runs are folded; empty pages give none.
 */
export function splitPassages(pages: ExtractedPage[], max = PASSAGE_CHARS): Passage[] {
  const passages: Passage[] = [];
  for (const { page, text } of pages) {
    const paragraphs = text
      .replace(/\r\n?/g, "\n")
      .split(/\n\s*\n/)
      .map((paragraph) =>
        paragraph
          .replace(/[ \t\f\v]+/g, " ")
          .replace(/ *\n */g, "\n")
          .trim(),
      )
      .filter(Boolean);
    let current = "";
    const flush = () => {
      if (current) passages.push({ ordinal: passages.length, page, text: current });
      current = "";
    };
    for (let paragraph of paragraphs) {
      if (current && current.length + 2 + paragraph.length <= max) {
        current = `${current}\n\n${paragraph}`;
        continue;
      }
      flush();
      while (paragraph.length > max) {
        const at = cutAt(paragraph, max);
        passages.push({ ordinal: passages.length, page, text: paragraph.slice(0, at).trim() });
        paragraph = paragraph.slice(at).trim();
      }
      current = paragraph;
    }
    flush();
  }
  return passages.filter((passage) => passage.text.length > 0).map((passage, ordinal) => ({ ...passage, ordinal }));
}

/** Whether a PDF's pages hold any text: a scan without a text layer has none to read. */
export function hasTextLayer(pages: ExtractedPage[]): boolean {
  return pages.some((page) => /[\p{L}\p{N}]/u.test(page.text));
}
