import type { JsonLayout, JsonNode, JsonRun } from "./json-scanner";
import { notJson } from "./json-scanner";

/** JSON.parse makes "__proto__" an own property; so must assembling an object from pieces. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Parses a scanned body (lib/conversations/import/json-scanner.ts) as JSON.parse would, but piece by
 * piece: each piece is at most about PIECE_BYTES (or one long string), and `pause` gives other requests
 * a turn between them. Invalid JSON inside a piece, or bytes that are not UTF-8, are BAD_REQUEST.
 */
export async function parseJsonInSteps(bytes: Uint8Array, layout: JsonLayout, pause: () => Promise<void>): Promise<unknown> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const text = ({ start, end }: JsonRun) => decoder.decode(bytes.subarray(start, end));

  async function build(node: JsonNode): Promise<unknown> {
    const array: unknown[] = [];
    const object: Record<string, unknown> = {};
    for (const part of node.parts) {
      if ("node" in part) {
        const value = await build(part.node);
        if (part.key) define(object, JSON.parse(text(part.key)) as string, value);
        else array.push(value);
      } else if (node.object) {
        const members = JSON.parse(`{${text(part)}}`) as Record<string, unknown>;
        for (const key of Object.keys(members)) define(object, key, members[key]);
      } else {
        for (const value of JSON.parse(`[${text(part)}]`) as unknown[]) array.push(value);
      }
      await pause();
    }
    return node.object ? object : array;
  }

  try {
    return "parts" in layout ? await build(layout) : JSON.parse(text(layout));
  } catch (error) {
    // JSON.parse's SyntaxError, or TextDecoder's TypeError for bytes that are not UTF-8.
    if (error instanceof SyntaxError || error instanceof TypeError) throw notJson();
    throw error;
  }
}
