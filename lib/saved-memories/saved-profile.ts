import { countTokens } from "../memory/tokens";
import type { SavedItem } from "./derive-saved";

/** Between an item and when it was said, on its profile line; the offline model reads the item before it. */
export const SAID_MARK = " — said ";
export const SAVED_NOTE =
  "(Known from all of the user's conversations. Each item says when it was said; where two disagree, the later one holds.)";

/**
 * When an item was said, as its profile line ends. Not where: a conversation's title is anyone's who
 * holds its link to write, and a prompt must not carry it into the owner's other chats.
 */
export function saidWhen(item: SavedItem): string {
  return `${SAID_MARK}${item.at.slice(0, 10)}${item.source ? "" : " (set by the user)"}`;
}

const line = (item: SavedItem) => `- ${item.kind === "preference" ? `${item.key}: ${item.text}` : item.text}${saidWhen(item)}`;

/**
 * The profile's lines for saved memories within `maxTokens`: preferences, then facts, the newest of
 * each first, until one does not fit (the older ones are left out). Returns the items it holds.
 */
export function savedProfileLines(items: SavedItem[], maxTokens: number): { preferences: string[]; facts: string[]; shown: SavedItem[] } {
  const ordered = [...items.filter((item) => item.kind === "preference"), ...items.filter((item) => item.kind === "fact")];
  const shown: SavedItem[] = [];
  let tokens = countTokens(SAVED_NOTE);
  for (const item of ordered) {
    const cost = countTokens(line(item)) + 1;
    if (tokens + cost > maxTokens) break;
    tokens += cost;
    shown.push(item);
  }
  return {
    preferences: shown.filter((item) => item.kind === "preference").map(line),
    facts: shown.filter((item) => item.kind === "fact").map(line),
    shown,
  };
}
