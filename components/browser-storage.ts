import { conversationIdSchema } from "@/lib/conversations/inputs";

/**
 * What the browser keeps: conversation ids only, the active one and those it has opened, in
 * localStorage; an unsent draft per conversation in sessionStorage. Everything else comes from the
 * server by id.
 */
const ACTIVE_KEY = "memory-chat:active";
const KNOWN_KEY = "memory-chat:conversations";
const MAX_KNOWN = 200;

const isId = (value: unknown): value is string => conversationIdSchema.safeParse(value).success;

function read(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function write(storage: Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // Storage full or disabled: ids can be recovered from links; nothing else lives here.
  }
}

export function readActiveId(): string | null {
  const value = read(localStorage, ACTIVE_KEY);
  return isId(value) ? value : null;
}

export function writeActiveId(id: string): void {
  write(localStorage, ACTIVE_KEY, id);
}

export function readKnownIds(): string[] {
  try {
    const parsed: unknown = JSON.parse(read(localStorage, KNOWN_KEY) ?? "[]");
    return Array.isArray(parsed) ? [...new Set(parsed.filter(isId))] : [];
  } catch {
    return [];
  }
}

export function rememberId(id: string): string[] {
  const ids = [id, ...readKnownIds().filter((known) => known !== id)].slice(0, MAX_KNOWN);
  write(localStorage, KNOWN_KEY, JSON.stringify(ids));
  return ids;
}

export function forgetIds(gone: string[]): string[] {
  const ids = readKnownIds().filter((known) => !gone.includes(known));
  write(localStorage, KNOWN_KEY, JSON.stringify(ids));
  return ids;
}

const draftKey = (id: string) => `memory-chat:draft:${id}`;

export const readDraft = (id: string) => read(sessionStorage, draftKey(id)) ?? "";
export const writeDraft = (id: string, text: string) => write(sessionStorage, draftKey(id), text || null);
