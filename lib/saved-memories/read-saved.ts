import "server-only";
import { z } from "zod";
import { type ContributionRow, selectContributions, selectMemoryConversations } from "../db/queries/memory-queries";
import { selectSavedEdits } from "../db/queries/saved-memory-queries";
import { env } from "../env";
import { memoryBufferSchema } from "../memory/schema";
import { type Contribution, deriveSaved, type SavedItem } from "./derive-saved";
import { noEdits, type SavedEdits, savedEditsSchema } from "./saved-edits";

/** What a conversation gives while it is the one being answered: its memory as the turn has it. */
export interface CurrentConversation {
  conversationId: string;
  contribution: (title: string) => Contribution;
}

type Held = Omit<Contribution, "title">;

/** One browser memory's conversations as this instance last read them, by id, with their memory versions. */
interface HeldMemory {
  conversations: Map<string, { version: number; held: Held; chars: number }>;
  chars: number;
}

/** Characters of text all held memories may keep together (about 16 MB); the least recently used go first. */
const MAX_HELD_CHARS = 8_000_000;
/** Conversations read per statement when many changed. */
const READ_PAGE = 500;

const cache = new Map<string, HeldMemory>();
let heldChars = 0;

const preferencesSchema = memoryBufferSchema.shape.user_preferences.catch({});
const factsSchema = z.array(z.string()).catch([]);
const learnedSchema = memoryBufferSchema.shape.learned.catch(undefined);

/** A row as a contribution: what does not validate gives nothing, and never fails the others. */
function heldOf(row: ContributionRow): { held: Held; chars: number } {
  const preferences = preferencesSchema.parse(row.preferences ?? {});
  const facts = factsSchema.parse(row.facts ?? []);
  const learned = learnedSchema.parse(row.learned ?? undefined);
  const fallback =
    row.memoryUpdatedAt && !Number.isNaN(Date.parse(row.memoryUpdatedAt)) ? row.memoryUpdatedAt : row.updatedAt.toISOString();
  const chars =
    facts.reduce((sum, fact) => sum + fact.length + 40, 0) +
    Object.entries(preferences).reduce((sum, [key, value]) => sum + key.length + value.length + 40, 0);
  return { held: { conversationId: row.id, preferences, facts, learned, fallbackAt: fallback }, chars };
}

function touch(memoryId: string): HeldMemory {
  const found = cache.get(memoryId);
  const memory = found ?? { conversations: new Map(), chars: 0 };
  cache.delete(memoryId);
  cache.set(memoryId, memory);
  return memory;
}

function evictBeyond(limit: number, keep: string): void {
  for (const [id, memory] of cache) {
    if (heldChars <= limit) return;
    if (id === keep) continue;
    cache.delete(id);
    heldChars -= memory.chars;
  }
}

/**
 * The contributions of the conversations that feed `memoryId` (the most recently used, at most
 * MEMORY_CONVERSATIONS). Only those whose memory changed since this instance last read them are read
 * again: usually one statement of ids and versions.
 */
export async function readContributions(memoryId: string): Promise<Contribution[]> {
  const listed = await selectMemoryConversations(memoryId, env().MEMORY_CONVERSATIONS);
  const memory = touch(memoryId);
  const stale = listed.filter((row) => memory.conversations.get(row.id)?.version !== row.memoryVersion).map((row) => row.id);
  for (let at = 0; at < stale.length; at += READ_PAGE) {
    for (const row of await selectContributions(stale.slice(at, at + READ_PAGE))) {
      const { held, chars } = heldOf(row);
      const before = memory.conversations.get(row.id)?.chars ?? 0;
      memory.conversations.set(row.id, { version: row.memoryVersion, held, chars });
      memory.chars += chars - before;
      heldChars += chars - before;
    }
  }
  const listedIds = new Set(listed.map((row) => row.id));
  for (const [id, entry] of memory.conversations) {
    if (listedIds.has(id)) continue;
    memory.conversations.delete(id);
    memory.chars -= entry.chars;
    heldChars -= entry.chars;
  }
  evictBeyond(MAX_HELD_CHARS, memoryId);
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
  return deriveSaved([current.contribution(own?.title ?? "This conversation"), ...others], edits);
}
