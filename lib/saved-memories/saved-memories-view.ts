import "server-only";
import { adoptConversations, countAdoptable } from "../db/queries/memory-queries";
import { writeSavedEdits } from "../db/queries/saved-memory-queries";
import { env } from "../env";
import { AppError } from "../errors";
import { deriveSaved, type SavedItem } from "./derive-saved";
import { readContributions, readSavedEdits } from "./read-saved";
import { applySavedChange, type SavedChange } from "./saved-edits";
import { savedProfileLines } from "./saved-profile";

/** Items the Memory page lists at most, the newest first. */
const MAX_LISTED = 1_000;
/** Tries of a change against concurrent ones (another tab, another device) before giving up. */
const WRITE_TRIES = 5;

/** The Memory page: everything saved, and how much of it reaches a prompt. */
export interface SavedMemoryView {
  items: SavedItem[];
  /** Items beyond MAX_LISTED, not listed. */
  more: number;
  /** How many of the items (the first ones, preferences before facts) fit the prompt's profile. */
  inPrompt: number;
}

function viewOf(items: SavedItem[]): SavedMemoryView {
  const { shown } = savedProfileLines(items, env().MEMORY_SAVED_TOKENS);
  return { items: items.slice(0, MAX_LISTED), more: Math.max(0, items.length - MAX_LISTED), inPrompt: shown.length };
}

export async function getSavedMemoriesView(memoryId: string): Promise<SavedMemoryView> {
  const [contributions, { edits }] = await Promise.all([readContributions(memoryId), readSavedEdits(memoryId)]);
  return viewOf(deriveSaved(contributions, edits));
}

/** Applies a change from the Memory page; it holds from the next turn of every conversation. */
export async function changeSavedMemories(memoryId: string, change: SavedChange): Promise<SavedMemoryView> {
  for (let attempt = 0; attempt < WRITE_TRIES; attempt++) {
    const { edits, version } = await readSavedEdits(memoryId);
    const next = applySavedChange(edits, change, new Date());
    if (await writeSavedEdits(memoryId, JSON.stringify(next), version)) {
      const contributions = await readContributions(memoryId);
      return viewOf(deriveSaved(contributions, next));
    }
  }
  throw new AppError("MEMORY_BUSY");
}

/** Conversations from before memory across chats, held by this browser, join its memory; returns how many did. */
export async function adoptIntoMemory(memoryId: string, ids: string[]): Promise<number> {
  return (await adoptConversations(memoryId, ids)).length;
}

/** How many of the conversations this browser holds are from before memory across chats, and could join it. */
export const countEarlierChats = (ids: string[]): Promise<number> => (ids.length === 0 ? Promise.resolve(0) : countAdoptable(ids));
