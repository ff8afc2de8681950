import type { Env } from "../../env";
import type { JsonBounds } from "./json-scanner";

/** ChatGPT's export, the deepest format, nests about 10 levels. */
const MAX_DEPTH = 64;
/**
 * Bytes per value and per object or array at the densest a legitimate file gets: ChatGPT's metadata
 * alone (a file of one-word messages) averages about 22 bytes a value and 62 an object or array, and
 * text makes real files far sparser. The bounds leave about three times that and twice that; a body
 * of `{}` at the bound parses to about 100 MB of objects (against 1.1 GB for 48 MB of them).
 */
const BYTES_PER_VALUE = 8;
const BYTES_PER_CONTAINER = 32;
/** A character written as \uXXXX takes 6 bytes: no longer string can hold a message within the limit. */
const BYTES_PER_CHAR = 6;
/**
 * The longest list a file needs is a conversation's messages, or a ChatGPT conversation's nodes (tool
 * calls, hidden system messages and other versions beside its messages): this many per message.
 */
const MEMBERS_PER_MESSAGE = 4;

/** What an import's JSON may hold, from IMPORT_MAX_BYTES and IMPORT_MESSAGE_MAX_CHARS (lib/env.ts). */
export function importJsonBounds(
  config: Pick<Env, "IMPORT_MAX_BYTES" | "IMPORT_MESSAGE_MAX_CHARS" | "IMPORT_MAX_MESSAGES" | "IMPORT_MAX_CONVERSATIONS">,
): JsonBounds {
  return {
    maxDepth: MAX_DEPTH,
    maxValues: Math.floor(config.IMPORT_MAX_BYTES / BYTES_PER_VALUE),
    maxContainers: Math.floor(config.IMPORT_MAX_BYTES / BYTES_PER_CONTAINER),
    maxStringBytes: BYTES_PER_CHAR * config.IMPORT_MESSAGE_MAX_CHARS,
    maxMembers: Math.max(MEMBERS_PER_MESSAGE * config.IMPORT_MAX_MESSAGES, config.IMPORT_MAX_CONVERSATIONS),
  };
}
