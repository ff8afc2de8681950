import { isRandomId } from "../conversations/inputs";

/**
 * "Move to another device": this browser's memory id and conversation ids in a link's fragment (never
 * sent to any server), 16 bytes an id in base64url: `#move1.<memory>.<ids>`. At most MAX_MOVED ids.
 */
const PREFIX = "move1";
export const MAX_MOVED = 500;
/** Ids a QR code can carry with the memory (version 40 at low error correction holds 2,953 bytes). */
export const MAX_MOVED_IN_QR = 100;

export interface MovedBrowser {
  memory: string | null;
  ids: string[];
}

const HEX = /^[0-9a-f]{32}$/;

function idBytes(id: string): number[] {
  const hex = id.replaceAll("-", "").toLowerCase();
  return Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

function idOf(bytes: number[]): string {
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function toBase64Url(bytes: number[]): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

function fromBase64Url(text: string): number[] | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    return Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The fragment for `moved`: its memory and its first MAX_MOVED ids, those that are random ids. */
export function moveFragment({ memory, ids }: MovedBrowser): string {
  const valid = ids.filter(isRandomId).slice(0, MAX_MOVED);
  const memoryPart = memory && isRandomId(memory) ? toBase64Url(idBytes(memory)) : "";
  return `#${PREFIX}.${memoryPart}.${toBase64Url(valid.flatMap(idBytes))}`;
}

/** What a fragment carries, or null when it is not a move link (or a damaged one); ids that are not random are left out. */
export function readMoveFragment(hash: string): MovedBrowser | null {
  const parts = hash.replace(/^#/, "").split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX || parts[2].length > Math.ceil((MAX_MOVED * 16 * 4) / 3)) return null;
  const memoryBytes = parts[1] ? fromBase64Url(parts[1]) : [];
  const idBytesAll = fromBase64Url(parts[2]);
  if (!memoryBytes || !idBytesAll || (memoryBytes.length !== 0 && memoryBytes.length !== 16) || idBytesAll.length % 16 !== 0) return null;
  const ids: string[] = [];
  for (let at = 0; at < idBytesAll.length; at += 16) ids.push(idOf(idBytesAll.slice(at, at + 16)));
  const memory = memoryBytes.length === 16 ? idOf(memoryBytes) : null;
  const random = (id: string) => HEX.test(id.replaceAll("-", "")) && isRandomId(id);
  return { memory: memory && random(memory) ? memory : null, ids: [...new Set(ids.filter(random))] };
}
