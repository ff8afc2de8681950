// The pages a question names ("page 7", "pages 12-14", "p. 3"): recall from files reads those pages
// whatever their words, as a reader turns to a page. Pure.

/** Pages named at most: a range counts each of its pages. */
export const MAX_NAMED_PAGES = 5;
/** No document of ours has more pages than a file's size allows; a larger number is not a page. */
const MAX_PAGE = 100_000;

const NAMED = /\b(?:pages?|pp?\.)\s*(\d{1,6})(?:\s*(?:-|–|to|and|&)\s*(\d{1,6}))?/gi;

export function namedPages(text: string): number[] {
  const pages = new Set<number>();
  for (const match of text.matchAll(NAMED)) {
    const from = Number(match[1]);
    const to = match[2] ? Number(match[2]) : from;
    if (from < 1 || from > MAX_PAGE || to < from || to > MAX_PAGE) continue;
    for (let page = from; page <= to && pages.size < MAX_NAMED_PAGES; page++) pages.add(page);
    if (pages.size >= MAX_NAMED_PAGES) break;
  }
  return [...pages];
}

/** The question without the pages it names: "page" and its number would otherwise match every page by its words. */
export function withoutNamedPages(text: string): string {
  return text.replace(NAMED, " ");
}
