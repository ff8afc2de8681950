import "server-only";
import { z } from "zod";
import { type ContributionRow, selectContributions, selectMemoryConversations } from "../db/queries/memory-queries";
import { selectSavedEdits } from "../db/queries/saved-memory-queries";
import { env } from "../env";
import { memoryBufferSchema } from "../memory/schema";
import { type Contribution, contributionItems, deriveSaved, type SavedItem } from "./derive-saved";
import { noEdits, type SavedEdits, savedEditsSchema } from "./saved-edits";

/** What a conversation gives while it is the one being answered: its memory as the turn has it. */
export interface CurrentConversation {
  conversationId: string;
  /** Its contribution, given its title and start (or, for one not stored yet, now). */
  contribution: (title: string, fallbackAt: string) => Contribution;
}

type Held = Omit<Contribution, "title">;

/** One browser memory's conversations as this instance last read them, by id, with their memory versions. */
interface HeldMemory {
  conversations: Map<string, { version: number; held: Held; chars: number }>;
  chars: number;
}

/** Characters all held memories may keep together (about 16 MB); the least recently used go first. */
const MAX_HELD_CHARS = 8_000_000;
/** Memories held at most, however small. */
const MAX_HELD_MEMORIES = 2_000;
/** What one item costs beside its text (held twice: as read, and as an item): its note, its key, the map's entry. */
const ITEM_OVERHEAD_CHARS = 120;
/** Conversations read per statement when many changed: other requests get a turn between pages (a full memory's page is about 1 MB of JSON). */
const READ_PAGE = 50;

const cache = new Map<string, HeldMemory>();

const preferencesSchema = memoryBufferSchema.shape.user_preferences.catch({});
const factsSchema = z.array(z.string()).catch([]);
const learnedSchema = memoryBufferSchema.shape.learned;

/**
 * A row as a contribution: what does not validate gives nothing, and never fails the others. Notes
 * that do not validate give nothing either: they may be what says an item is private.
 */
function heldOf(row: ContributionRow): { held: Held; chars: number } {
  const learned = learnedSchema.safeParse(row.learned ?? undefined);
  const preferences = learned.success ? preferencesSchema.parse(row.preferences ?? {}) : {};
  const facts = learned.success ? factsSchema.parse(row.facts ?? []) : [];
  const chars =
    facts.reduce((sum, fact) => sum + fact.length + ITEM_OVERHEAD_CHARS, 0) +
    Object.entries(preferences).reduce((sum, [key, value]) => sum + key.length + value.length + ITEM_OVERHEAD_CHARS, 0);
  const contribution = { conversationId: row.id, preferences, facts, learned: learned.data, fallbackAt: row.createdAt.toISOString() };
  return { held: { ...contribution, items: contributionItems(contribution) }, chars: 2 * chars + ITEM_OVERHEAD_CHARS };
}

const heldChars = () => [...cache.values()].reduce((sum, memory) => sum + memory.chars, 0);

/** Least recently used memories out until the rest fit, `keep` aside. */
function evict(keep: string): void {
  let total = heldChars();
  for (const [id, memory] of cache) {
    if (total <= MAX_HELD_CHARS && cache.size <= MAX_HELD_MEMORIES) return;
    if (id === keep) continue;
    cache.delete(id);
    total -= memory.chars;
  }
}

/**
 * The contributions of the conversations that feed `memoryId` (the most recently used, at most
 * MEMORY_CONVERSATIONS), in that order. Only those whose memory changed since this instance last
 * read them are read again: usually one statement of ids and versions. A memory with no conversation
 * is not held.
 */
export async function readContributions(memoryId: string): Promise<Contribution[]> {
  const listed = await selectMemoryConversations(memoryId, env().MEMORY_CONVERSATIONS);
  if (listed.length === 0) {
    cache.delete(memoryId);
    return [];
  }
  const found = cache.get(memoryId);
  const memory: HeldMemory = found ?? { conversations: new Map(), chars: 0 };
  const stale = listed.filter((row) => memory.conversations.get(row.id)?.version !== row.memoryVersion).map((row) => row.id);
  for (let at = 0; at < stale.length; at += READ_PAGE) {
    for (const row of await selectContributions(stale.slice(at, at + READ_PAGE))) {
      const { held, chars } = heldOf(row);
      memory.conversations.set(row.id, { version: row.memoryVersion, held, chars });
    }
  }
  const listedIds = new Set(listed.map((row) => row.id));
  for (const id of memory.conversations.keys()) if (!listedIds.has(id)) memory.conversations.delete(id);
  // Counted again whole after the reads: another read of the same memory may have run meanwhile.
  memory.chars = [...memory.conversations.values()].reduce((sum, entry) => sum + entry.chars, 0);
  cache.delete(memoryId);
  cache.set(memoryId, memory);
  evict(memoryId);
  return listed.flatMap((row) => {
    const entry = memory.conversations.get(row.id);
    return entry ? [{ ...entry.held, title: row.title ?? "Untitled" }] : [];
  });
}

/** The hand edits of `memoryId`, and their version (0: none stored); edits that do not validate count as none. */
export async function readSavedEdits(memoryId: string): Promise<{ edits: SavedEdits; version: number }> {
  const row = await selectSavedEdits(memoryId);
  if (!row) return { edits: noEdits(), version: 0 };
  const parsed = savedEditsSchema.safeParse(row.edits);
  return { edits: parsed.success ? parsed.data : noEdits(), version: row.version };
}

/**
 * What is known about the user of `memoryId` across their conversations. `current`, the conversation
 * being answered, gives its memory as the turn has it (an edit answers with memory from before it).
 */
export async function readSavedMemories(memoryId: string, current?: CurrentConversation): Promise<SavedItem[]> {
  const [contributions, { edits }] = await Promise.all([readContributions(memoryId), readSavedEdits(memoryId)]);
  if (!current) return deriveSaved(contributions, edits);
  const own = contributions.find((contribution) => contribution.conversationId === current.conversationId);
  const others = contributions.filter((contribution) => contribution !== own);
  const mine = current.contribution(own?.title ?? "This conversation", own?.fallbackAt ?? new Date().toISOString());
  return deriveSaved([mine, ...others], edits);
}
