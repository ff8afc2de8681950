import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonInSteps } from "@/lib/conversations/import/json-in-steps";
import { JsonScanner } from "@/lib/conversations/import/json-scanner";
import { AppError } from "@/lib/errors";

const roomy = { maxDepth: 1_000, maxValues: 1e9, maxContainers: 1e9, maxStringBytes: 1e9, maxMembers: 1e9 };

/** Scans `bytes` in chunks cut at `cuts`, with pieces of `pieceBytes`, and parses them in steps. */
async function scannedParse(bytes: Uint8Array, cuts: number[], pieceBytes: number): Promise<unknown> {
  const scanner = new JsonScanner(roomy, pieceBytes);
  let from = 0;
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length]) {
    scanner.scan(bytes.subarray(from, Math.max(from, cut)));
    from = Math.max(from, cut);
  }
  return parseJsonInSteps(bytes, scanner.finish(), async () => {});
}

/** What the route read before: the body decoded as strict UTF-8 (a BOM dropped), then JSON.parse. */
function parsedWhole(bytes: Uint8Array): { value: unknown } | { error: true } {
  try {
    return { value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return { error: true };
  }
}

async function outcome(run: () => Promise<unknown>): Promise<{ value: unknown } | { error: true }> {
  try {
    return { value: await run() };
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    return { error: true };
  }
}

describe("the import's JSON scanner and parsing in steps", () => {
  it("reads any JSON as JSON.parse does, however it is chunked and pieced", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.array(fc.nat()), fc.integer({ min: 1, max: 64 }), async (value, cuts, pieceBytes) => {
        const bytes = Buffer.from(JSON.stringify(value, null, cuts.length % 2 ? 1 : 0));
        expect(await scannedParse(bytes, cuts, pieceBytes)).toEqual(JSON.parse(bytes.toString()));
      }),
      { numRuns: 500 },
    );
  });

  it("accepts and refuses what the whole-body JSON.parse did, text that is not UTF-8 included", async () => {
    const almostJson = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'[]{}:,"\\ 01-.e+tfnul\u00e9\ufeff') }).map((text) => Buffer.from(text)),
      fc.jsonValue().map((value) => Buffer.from(`\ufeff${JSON.stringify(value)}`)),
      fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.concat([Buffer.from('["'), bytes, Buffer.from('"]')])),
    );
    await fc.assert(
      fc.asyncProperty(almostJson, fc.array(fc.nat()), fc.integer({ min: 1, max: 16 }), async (bytes, cuts, pieceBytes) => {
        expect(await outcome(() => scannedParse(bytes, cuts, pieceBytes))).toEqual(parsedWhole(bytes));
      }),
      { numRuns: 2_000 },
    );
  });

  it("keeps a __proto__ key as JSON.parse does, as its own property", async () => {
    const text = `{"__proto__": {"polluted": true}, "other": ${JSON.stringify("x".repeat(40))}}`;
    const value = (await scannedParse(Buffer.from(text), [7], 8)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value).toEqual(JSON.parse(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
