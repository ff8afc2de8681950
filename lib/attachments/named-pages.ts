// The pages a question names ("page 7", "pages 12-14", "p. 3"): recall from files reads those pages
// whatever their words, as a reader turns to a page. Pure.

/** Pages named at most: a range counts each of its pages. */
export const MAX_NAMED_PAGES = 5;
/** No document of ours has more pages than a file's size allows; a larger number is not a page. */
const MAX_PAGE = 100_000;

/** "page 7", "pages 3-5", "pp. 3 to 5", "p. 3"; and the further pages of a list ("pages 2, 9 and 12"). */
const NAMED = /\b(?:pages?|pp?\.)\s*(\d{1,6})(?!\d)(?:\s*(?:-|–|to)\s*(\d{1,6})(?!\d))?((?:\s*(?:,|and|&)\s*\d{1,6}(?!\d)){0,10})/gi;

export function namedPages(text: string): number[] {
  const pages = new Set<number>();
  const take = (page: number) => {
    if (page >= 1 && page <= MAX_PAGE && pages.size < MAX_NAMED_PAGES) pages.add(page);
  };
  for (const match of text.matchAll(NAMED)) {
    const from = Number(match[1]);
    const to = match[2] ? Number(match[2]) : from;
    if (to >= from) for (let page = from; page <= Math.min(to, from + MAX_NAMED_PAGES); page++) take(page);
    for (const listed of match[3].match(/\d+/g) ?? []) take(Number(listed));
    if (pages.size >= MAX_NAMED_PAGES) break;
  }
  return [...pages];
}

/** The question without the pages it names: "page" and its number would otherwise match every page by its words. */
export function withoutNamedPages(text: string): string {
  return text.replace(NAMED, " ");
}
