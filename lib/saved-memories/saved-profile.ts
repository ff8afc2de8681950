import { countTokens } from "../memory/tokens";
import { oneLine } from "../text/one-line";
import type { SavedItem } from "./derive-saved";

/** Between an item and where it was said, on its profile line; the offline model reads the item before it. */
export const SAID_MARK = " — said ";
export const SAVED_NOTE =
  "(Known from all of the user's conversations. Each item says when and where it was said; where two disagree, the later one holds.)";

/** A title as a profile line quotes it: one line, short. */
const quoted = (title: string) => {
  const line = oneLine(title);
  return `“${line.length > 60 ? `${line.slice(0, 59)}…` : line}”`;
};

/** When and where an item was said, as its profile line ends. */
export function saidWhere(item: SavedItem): string {
  const day = item.at.slice(0, 10);
  return item.source ? `${SAID_MARK}${day} in ${quoted(item.source.title)}` : `${SAID_MARK}${day} on the Memory page`;
}

const line = (item: SavedItem) => `- ${item.kind === "preference" ? `${item.key}: ${item.text}` : item.text}${saidWhere(item)}`;

/**
 * The profile's lines for saved memories within `maxTokens`: preferences, then facts, the newest of
 * each first; what does not fit is left out (the oldest). Returns the items it holds.
 */
export function savedProfileLines(items: SavedItem[], maxTokens: number): { preferences: string[]; facts: string[]; shown: SavedItem[] } {
  const ordered = [...items.filter((item) => item.kind === "preference"), ...items.filter((item) => item.kind === "fact")];
  const shown: SavedItem[] = [];
  let tokens = countTokens(SAVED_NOTE);
  for (const item of ordered) {
    const cost = countTokens(line(item)) + 1;
    if (tokens + cost > maxTokens) continue;
    tokens += cost;
    shown.push(item);
  }
  return {
    preferences: shown.filter((item) => item.kind === "preference").map(line),
    facts: shown.filter((item) => item.kind === "fact").map(line),
    shown,
  };
}
