import { useSyncExternalStore } from "react";
import { conversationIdSchema } from "@/lib/conversations/inputs";

/**
 * What the browser keeps: conversation ids only, the active one and those it has opened, in
 * localStorage; an unsent draft per conversation in sessionStorage. Everything else comes from the
 * server by id. When the browser blocks site storage (a setting, or a cross-site frame), reading it
 * throws: the app then keeps these in memory for the session.
 */
const ACTIVE_KEY = "memory-chat:active";
const KNOWN_KEY = "memory-chat:conversations";
/** As many as the list can ask for at once (idListSchema): an import of up to IMPORT_MAX_CONVERSATIONS fits beside older ones. */
const MAX_KNOWN = 500;

type Area = "localStorage" | "sessionStorage";

const inMemory = new Map<string, string>();

const isId = (value: unknown): value is string => conversationIdSchema.safeParse(value).success;

/** The storage area, or null when the browser refuses it; even naming `window.localStorage` can throw. */
function area(name: Area): Storage | null {
  try {
    const storage = window[name];
    storage.getItem(KNOWN_KEY);
    return storage;
  } catch {
    return null;
  }
}

function read(name: Area, key: string): string | null {
  const storage = area(name);
  if (!storage) return inMemory.get(`${name}:${key}`) ?? null;
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function write(name: Area, key: string, value: string | null): void {
  const storage = area(name);
  try {
    if (!storage) {
      if (value === null) inMemory.delete(`${name}:${key}`);
      else inMemory.set(`${name}:${key}`, value);
    } else if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // Storage full: ids can be recovered from links; nothing else lives here.
  }
}

export const storageBlocked = (): boolean => area("localStorage") === null;

export function readActiveId(): string | null {
  const value = read("localStorage", ACTIVE_KEY);
  return isId(value) ? value : null;
}

/** Ids this tab has had open (a new chat not sent yet is in no list): going Back to one does not ask. */
const openedHere = new Set<string>();

export function writeActiveId(id: string): void {
  openedHere.add(id);
  write("localStorage", ACTIVE_KEY, id);
}

const NO_IDS: string[] = [];
let knownCache: string[] | undefined;
const knownListeners = new Set<() => void>();

function parseKnownIds(): string[] {
  try {
    const parsed: unknown = JSON.parse(read("localStorage", KNOWN_KEY) ?? "[]");
    return Array.isArray(parsed) ? [...new Set(parsed.filter(isId))] : [];
  } catch {
    return [];
  }
}

/** The one place known ids are read: the same array until they change, here or in another tab. */
function knownIdsSnapshot(): string[] {
  knownCache ??= parseKnownIds();
  return knownCache;
}

function changedKnownIds(): void {
  knownCache = undefined;
  for (const listener of knownListeners) listener();
}

/** Calls `changed` when another tab changes `key` in storage, or clears it; returns how to stop. */
function onStorageKey(key: string, changed: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === key || event.key === null) changed();
  };
  window.addEventListener("storage", onStorage);
  return () => window.removeEventListener("storage", onStorage);
}

function subscribeKnownIds(listener: () => void): () => void {
  knownListeners.add(listener);
  const stop = onStorageKey(KNOWN_KEY, changedKnownIds);
  return () => {
    knownListeners.delete(listener);
    stop();
  };
}

/** The ids of the conversations this browser has opened, newest first, kept current. */
export const useKnownIds = (): string[] => useSyncExternalStore(subscribeKnownIds, knownIdsSnapshot, () => NO_IDS);

export function rememberId(id: string): void {
  const known = knownIdsSnapshot();
  if (known[0] === id) return;
  write("localStorage", KNOWN_KEY, JSON.stringify([id, ...known.filter((other) => other !== id)].slice(0, MAX_KNOWN)));
  changedKnownIds();
}

/** Conversations brought from another browser (a move link): first in the list, in their order, each once. */
export function rememberIds(ids: string[]): void {
  const added = ids.filter(isId);
  write("localStorage", KNOWN_KEY, JSON.stringify([...new Set([...added, ...knownIdsSnapshot()])].slice(0, MAX_KNOWN)));
  changedKnownIds();
}

/** Whether this browser has opened the conversation before: its active one, or one it knows. */
export const hasOpened = (id: string): boolean => openedHere.has(id) || readActiveId() === id || knownIdsSnapshot().includes(id);

/** Only for a conversation the server says is gone for good (deleted here): never for one merely not found yet. */
export function forgetId(id: string): void {
  write("localStorage", KNOWN_KEY, JSON.stringify(knownIdsSnapshot().filter((known) => known !== id)));
  changedKnownIds();
}

const draftKey = (id: string) => `memory-chat:draft:${id}`;

export const readDraft = (id: string) => read("sessionStorage", draftKey(id)) ?? "";
export const writeDraft = (id: string, text: string) => write("sessionStorage", draftKey(id), text || null);

/**
 * This browser's memory (memory across chats): a random id kept beside the conversation ids. Each
 * conversation this browser starts or imports feeds it, and each turn sent with it knows what the
 * others taught. The id is as secret as a conversation id: whoever holds it holds the memory.
 */
const MEMORY_KEY = "memory-chat:memory";
/** "off" when the user switched memory across chats off: turns then neither read nor feed it. */
const ACROSS_CHATS_KEY = "memory-chat:memory-across-chats";

export function readMemoryId(): string | null {
  const value = read("localStorage", MEMORY_KEY);
  return isId(value) ? value.toLowerCase() : null;
}

/** The memory id, made now if this browser has none yet (`created`). */
export function ensureMemoryId(): { id: string; created: boolean } {
  const held = readMemoryId();
  if (held) return { id: held, created: false };
  const id = crypto.randomUUID();
  write("localStorage", MEMORY_KEY, id);
  return { id, created: true };
}

export function writeMemoryId(id: string): void {
  write("localStorage", MEMORY_KEY, id.toLowerCase());
}

/** "off" when the user switched "Reference other chats" off: recall then searches the open chat alone. */
const OTHER_CHATS_KEY = "memory-chat:reference-other-chats";

/** A per-browser switch, on unless switched off, kept current across tabs. */
function browserSwitch(key: string) {
  const listeners = new Set<() => void>();
  const readOn = (): boolean => read("localStorage", key) !== "off";
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    const stop = onStorageKey(key, listener);
    return () => {
      listeners.delete(listener);
      stop();
    };
  };
  return {
    read: readOn,
    write(on: boolean): void {
      write("localStorage", key, on ? null : "off");
      for (const listener of listeners) listener();
    },
    useOn: () => useSyncExternalStore(subscribe, readOn, () => true),
  };
}

const acrossChats = browserSwitch(ACROSS_CHATS_KEY);
/** Whether memory across chats is on in this browser. */
export const readAcrossChats = acrossChats.read;
export const writeAcrossChats = acrossChats.write;
export const useAcrossChats = acrossChats.useOn;

const otherChats = browserSwitch(OTHER_CHATS_KEY);
/** Whether recall also searches this browser's other chats ("Reference other chats"). */
export const readOtherChats = otherChats.read;
export const writeOtherChats = otherChats.write;
export const useOtherChats = otherChats.useOn;

/** The memory a turn sends: none when memory across chats is switched off. */
export const memoryForTurn = (): string | null => (readAcrossChats() ? ensureMemoryId().id : null);
