import { AppError } from "../../errors";

/** What an import's JSON may hold, checked on each chunk as it arrives, before anything is parsed. */
export interface JsonBounds {
  maxDepth: number;
  /** Every number, string, literal, object and array (keys are not values). */
  maxValues: number;
  /** Objects and arrays alone: each costs far more memory once parsed than a scalar. */
  maxContainers: number;
  /** Raw bytes between a string's quotes, keys included. */
  maxStringBytes: number;
  /** Items of one array, or members of one object: zod checks a container's members in one pass. */
  maxMembers: number;
}

/** A number or literal longer than this is no date or count, and JSON.parse reads it in one go. */
const MAX_SCALAR_BYTES = 64;

/** Bytes [start, end) of the body: one value, or consecutive members of a container, parsed with one JSON.parse. */
export interface JsonRun {
  start: number;
  end: number;
}

/** A container too large to parse at once: its members as runs, and its large members (with their key, in an object). */
export interface JsonNode {
  object: boolean;
  parts: (JsonRun | JsonChild)[];
}

export interface JsonChild {
  key: JsonRun | null;
  node: JsonNode;
}

/** The body's value: parsed at once when small, else piece by piece (lib/conversations/import/json-in-steps.ts). */
export type JsonLayout = JsonRun | JsonNode;

/** A container larger than this is parsed in pieces of about this size, each a millisecond or so of JSON.parse. */
const PIECE_BYTES = 64 * 1024;

enum State {
  Value,
  ValueOrEndArray,
  KeyOrEndObject,
  Key,
  Colon,
  After,
  String,
  Scalar,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BOM = [0xef, 0xbb, 0xbf];

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
/** Bytes of numbers and of true, false and null; JSON.parse checks the token itself later. */
const isScalarByte = (byte: number) =>
  (byte >= 0x30 && byte <= 0x39) ||
  (byte >= 0x61 && byte <= 0x7a) ||
  (byte >= 0x41 && byte <= 0x5a) ||
  byte === 0x2d ||
  byte === 0x2b ||
  byte === 0x2e;

const count = (n: number) => n.toLocaleString("en-US");

export const notJson = () =>
  new AppError(
    "BAD_REQUEST",
    "This file is not valid JSON. Import ChatGPT's conversations.json, a JSON export of this app, or a transcript in JSON.",
  );

/**
 * Checks JSON as it streams in, chunk by chunk, in constant memory per level of nesting: its syntax
 * (except inside strings and scalars, which JSON.parse checks piece by piece), its nesting, the number
 * of its values and containers, and the size of its strings. A body over a bound is refused at the
 * byte that passes it. It also maps where the large containers' members are, so that the body can be
 * parsed in pieces that each take a moment, never in one long JSON.parse.
 */
export class JsonScanner {
  private offset = 0;
  private state = State.Value;
  private depth = 0;
  private values = 0;
  private containers = 0;
  private escaped = false;
  private tokenStart = 0;
  private stringIsKey = false;
  private bomBytes = 0;
  private root: JsonLayout | null = null;
  // One entry per open container, by depth.
  private readonly object: boolean[] = [];
  private readonly members: number[] = [];
  private readonly start: number[] = [];
  private readonly runStart: number[] = [];
  private readonly runEnd: number[] = [];
  private readonly keyStart: number[] = [];
  private readonly keyEnd: number[] = [];
  private readonly parts: (JsonNode["parts"] | null)[] = [];

  constructor(
    private readonly bounds: JsonBounds,
    private readonly pieceBytes = PIECE_BYTES,
  ) {}

  scan(chunk: Uint8Array): void {
    const length = chunk.length;
    for (let i = 0; i < length; i++) {
      const byte = chunk[i];
      switch (this.state) {
        case State.String: {
          // The hot loop: most of an export is text.
          let escaped = this.escaped;
          while (i < length) {
            const b = chunk[i];
            if (escaped) escaped = false;
            else if (b === BACKSLASH) escaped = true;
            else if (b === QUOTE) break;
            i++;
          }
          this.escaped = escaped;
          if (i < length) this.endString(this.offset + i + 1);
          break;
        }
        case State.Scalar:
          if (isScalarByte(byte)) {
            if (this.offset + i - this.tokenStart >= MAX_SCALAR_BYTES) {
              throw new AppError("INVALID_IMPORT", `The file has a number or literal longer than ${MAX_SCALAR_BYTES} characters.`);
            }
            break;
          }
          this.completeValue(this.tokenStart, this.offset + i, null);
          this.structural(byte, this.offset + i);
          break;
        default:
          this.structural(byte, this.offset + i);
      }
    }
    this.offset += length;
  }

  /** The layout of a complete body, or BAD_REQUEST when it ended early (or was empty). */
  finish(): JsonLayout {
    if (this.state === State.Scalar && this.depth === 0) this.completeValue(this.tokenStart, this.offset, null);
    if (this.state !== State.After || this.depth !== 0 || !this.root) throw notJson();
    return this.root;
  }

  private structural(byte: number, at: number): void {
    if (isSpace(byte)) return;
    if (this.bomBytes < BOM.length && at === this.bomBytes && byte === BOM[at]) {
      this.bomBytes++;
      return;
    }
    if (this.bomBytes > 0 && this.bomBytes < BOM.length) throw notJson();
    switch (this.state) {
      case State.Value:
      case State.ValueOrEndArray:
        if (byte === 0x5d && this.state === State.ValueOrEndArray) this.close(false, at);
        else this.startValue(byte, at);
        return;
      case State.KeyOrEndObject:
      case State.Key:
        if (byte === 0x7d && this.state === State.KeyOrEndObject) this.close(true, at);
        else if (byte === QUOTE) this.startString(at, true);
        else throw notJson();
        return;
      case State.Colon:
        if (byte !== 0x3a) throw notJson();
        this.state = State.Value;
        return;
      case State.After: {
        if (this.depth === 0) throw notJson();
        const inObject = this.object[this.depth - 1];
        if (byte === 0x2c) this.state = inObject ? State.Key : State.Value;
        else if (byte === (inObject ? 0x7d : 0x5d)) this.close(inObject, at);
        else throw notJson();
        return;
      }
    }
  }

  private startValue(byte: number, at: number): void {
    if (++this.values > this.bounds.maxValues) {
      throw new AppError("IMPORT_TOO_LARGE", `The file holds more than ${count(this.bounds.maxValues)} values.`);
    }
    if (this.depth > 0 && ++this.members[this.depth - 1] > this.bounds.maxMembers) {
      throw new AppError("IMPORT_TOO_LARGE", `The file has a list or object of more than ${count(this.bounds.maxMembers)} items.`);
    }
    if (byte === QUOTE) this.startString(at, false);
    else if (byte === 0x5b || byte === 0x7b) this.open(byte === 0x7b, at);
    else if (isScalarByte(byte)) {
      this.tokenStart = at;
      this.state = State.Scalar;
    } else throw notJson();
  }

  private startString(at: number, isKey: boolean): void {
    this.tokenStart = at;
    this.stringIsKey = isKey;
    this.escaped = false;
    this.state = State.String;
  }

  /** A string ends at its closing quote; one in progress is only bytes, bounded by the body's size. */
  private endString(end: number): void {
    if (end - this.tokenStart - 2 > this.bounds.maxStringBytes) {
      throw new AppError("IMPORT_TOO_LARGE", `The file has a text longer than ${count(this.bounds.maxStringBytes)} bytes.`);
    }
    if (!this.stringIsKey) {
      this.completeValue(this.tokenStart, end, null);
      return;
    }
    this.keyStart[this.depth - 1] = this.tokenStart;
    this.keyEnd[this.depth - 1] = end;
    this.state = State.Colon;
  }

  private open(object: boolean, at: number): void {
    if (++this.containers > this.bounds.maxContainers) {
      throw new AppError("IMPORT_TOO_LARGE", `The file holds more than ${count(this.bounds.maxContainers)} objects and arrays.`);
    }
    if (this.depth >= this.bounds.maxDepth) {
      throw new AppError("INVALID_IMPORT", `The file nests deeper than ${this.bounds.maxDepth} levels.`);
    }
    const level = this.depth++;
    this.object[level] = object;
    this.members[level] = 0;
    this.start[level] = at;
    this.runStart[level] = -1;
    this.parts[level] = null;
    this.state = object ? State.KeyOrEndObject : State.ValueOrEndArray;
  }

  private close(object: boolean, at: number): void {
    const level = --this.depth;
    const start = this.start[level];
    const end = at + 1;
    if (end - start <= this.pieceBytes) {
      this.completeValue(start, end, null);
      return;
    }
    this.flushRun(level);
    this.completeValue(start, end, { object, parts: this.parts[level] ?? [] });
  }

  /** A member ends: it joins the container's current run, or starts the next one; a large container stands alone. */
  private completeValue(start: number, end: number, node: JsonNode | null): void {
    this.state = State.After;
    if (this.depth === 0) {
      this.root = node ?? { start, end };
      return;
    }
    const level = this.depth - 1;
    const inObject = this.object[level];
    if (node) {
      this.flushRun(level);
      this.partsOf(level).push({ key: inObject ? { start: this.keyStart[level], end: this.keyEnd[level] } : null, node });
    } else if (this.runStart[level] >= 0 && end - this.runStart[level] <= this.pieceBytes) {
      this.runEnd[level] = end;
    } else {
      this.flushRun(level);
      this.runStart[level] = inObject ? this.keyStart[level] : start;
      this.runEnd[level] = end;
    }
  }

  private flushRun(level: number): void {
    if (this.runStart[level] < 0) return;
    this.partsOf(level).push({ start: this.runStart[level], end: this.runEnd[level] });
    this.runStart[level] = -1;
  }

  private partsOf(level: number): JsonNode["parts"] {
    this.parts[level] ??= [];
    return this.parts[level];
  }
}
