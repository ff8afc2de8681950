import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/conversations/import/route";
import { consumeLimits } from "@/lib/db/queries/limit-queries";
import { type AbuseLimits, CLIENTS_PER_NETWORK, importRules, type RateRule } from "@/lib/limits/limit-rules";
import { LIMIT_VARIABLES } from "@/lib/limits/limit-variables";
import { openStreamCount, takeStreamSlot } from "@/lib/limits/open-streams";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";

// Limits over everyone against a flood from many addresses, at the default limits: 20 turns a minute per
// client and 600 over everyone, 10 imports an hour per client and 200 over everyone. A /24 or a /48 is
// one network (16 clients' worth); half of each limit over everyone is kept in reserve, and a network
// takes from it at most one client's limit (lib/limits/limit-rules.ts, RESERVE).
const DEFAULTS = {
  LIMIT_TURNS_PER_MINUTE_PER_CLIENT: String(LIMIT_VARIABLES.LIMIT_TURNS_PER_MINUTE_PER_CLIENT.fallback),
  LIMIT_TURNS_PER_MINUTE: String(LIMIT_VARIABLES.LIMIT_TURNS_PER_MINUTE.fallback),
  LIMIT_IMPORTS_PER_HOUR_PER_CLIENT: String(LIMIT_VARIABLES.LIMIT_IMPORTS_PER_HOUR_PER_CLIENT.fallback),
  LIMIT_IMPORTS_PER_HOUR: String(LIMIT_VARIABLES.LIMIT_IMPORTS_PER_HOUR.fallback),
};
const database = setUpAppDatabase(DEFAULTS);
const TURNS_PER_CLIENT = Number(DEFAULTS.LIMIT_TURNS_PER_MINUTE_PER_CLIENT);
const IMPORTS_PER_CLIENT = Number(DEFAULTS.LIMIT_IMPORTS_PER_HOUR_PER_CLIENT);

// Each scenario starts with every limit empty.
beforeEach(() => withClient(database.url(), (client) => client.query(`DELETE FROM "RateLimit"`)));

/** 100 IPv4 addresses in 4 /24s, or 100 /64s in 5 /48s. */
const ipv4Flood = Array.from({ length: 100 }, (_, i) => `203.0.${113 + (i % 4)}.${10 + Math.floor(i / 4)}`);
const ipv6Flood = Array.from({ length: 100 }, (_, i) => `2001:db8:${(i % 5) + 10}:${Math.floor(i / 5).toString(16)}::1`);
const BYSTANDER = "198.51.100.7";

type Outcome = { status: number; message?: string };

const turn = async (client: string, conversationId: string): Promise<Outcome> => {
  const result = await readTurn(await postChat(chatBody(conversationId, "Hello"), { headers: { "x-forwarded-for": client } }));
  return { status: result.error ? (result.status === 200 ? 500 : result.status) : result.status, message: result.error?.message };
};

const importFile = async (client: string): Promise<Outcome> => {
  const response = await importRoute(
    new Request("http://localhost/api/conversations/import", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": client },
      body: JSON.stringify({ messages: [{ role: "user", content: "Hi" }] }),
    }),
  );
  if (response.status === 201) return { status: 201 };
  return { status: response.status, message: ((await response.json()) as { error: { message: string } }).error.message };
};

/**
 * Sends every flooding client's `perClient` requests, shuffled, on `workers` connections at once, with
 * `bystanderRequests` from the bystander spread evenly through the flood.
 */
async function flood(
  clients: string[],
  perClient: number,
  send: (client: string) => Promise<Outcome>,
  bystanderRequests: number,
  workers: number,
) {
  const queue = clients.flatMap((client) => Array<string>(perClient).fill(client));
  for (let i = queue.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [queue[i], queue[j]] = [queue[j], queue[i]];
  }
  const every = Math.floor(queue.length / (bystanderRequests + 1));
  for (let i = bystanderRequests; i >= 1; i--) queue.splice(i * every, 0, BYSTANDER);
  const flooding: Outcome[] = [];
  const bystander: Outcome[] = [];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < queue.length) {
        const client = queue[next++];
        const outcome = await send(client);
        (client === BYSTANDER ? bystander : flooding).push(outcome);
      }
    }),
  );
  const refusals: Record<string, number> = {};
  for (const { message = "" } of flooding) {
    const limit = message.replace(/ Try again.*/, "");
    if (limit) refusals[limit] = (refusals[limit] ?? 0) + 1;
  }
  return { served: flooding.filter((o) => o.status < 300).length, refusals, bystander, elapsedMs: Date.now() - started };
}

describe("limits over everyone, against a flood from a few networks", () => {
  const conversations = new Map<string, string>();
  const turnOf = (client: string) => {
    if (!conversations.has(client)) conversations.set(client, randomUUID());
    return turn(client, conversations.get(client)!);
  };

  it.each([
    ["100 IPv4 addresses in 4 /24s", ipv4Flood, 4],
    ["100 IPv6 /64s in 5 /48s", ipv6Flood, 5],
  ])("keep serving a bystander's turns while %s send turns at their limit per client", async (_, clients, networks) => {
    const { served, refusals, bystander, elapsedMs } = await flood(clients, TURNS_PER_CLIENT, turnOf, 10, 4);
    console.log(
      `turns in ${elapsedMs} ms: flood served ${served} of ${clients.length * TURNS_PER_CLIENT}; refused: ${JSON.stringify(refusals)}`,
    );
    expect(bystander).toEqual(Array(10).fill({ status: 200 }));
    // The flood took the shared half of the 600 (4 a row in 64 rows) and at most one client's 20 a
    // network from the reserve, plus what refilled meanwhile.
    expect(served).toBeGreaterThanOrEqual(256);
    expect(served).toBeLessThanOrEqual((300 + networks * TURNS_PER_CLIENT) * (1 + elapsedMs / 60_000));
  });

  it.each([
    ["100 IPv4 addresses in 4 /24s", ipv4Flood, 4],
    ["100 IPv6 /64s in 5 /48s", ipv6Flood, 5],
  ])("keep serving a bystander's imports while %s import at their limit per client", async (_, clients, networks) => {
    // One at a time: an instance runs two imports at once and answers BUSY beyond (lib/limits/import-slots.ts).
    const { served, refusals, bystander, elapsedMs } = await flood(clients, IMPORTS_PER_CLIENT, importFile, IMPORTS_PER_CLIENT, 1);
    console.log(
      `imports in ${elapsedMs} ms: flood served ${served} of ${clients.length * IMPORTS_PER_CLIENT}; refused: ${JSON.stringify(refusals)}`,
    );
    expect(bystander).toEqual(Array(IMPORTS_PER_CLIENT).fill({ status: 201 }));
    // The shared half of the 200, and at most one client's 10 a network from the reserve.
    expect(served).toBeGreaterThanOrEqual(100);
    expect(served).toBeLessThanOrEqual((100 + networks * IMPORTS_PER_CLIENT) * (1 + elapsedMs / 3_600_000));
  });
});

describe("the reserve of a limit over everyone (the statement itself)", () => {
  // Imports: 10 an hour per client, 200 over everyone in one row, half of it in reserve. Each network
  // takes at most 10 from the reserve, so 9 networks leave room for a tenth network's client.
  const limits = { importsPerHour: { client: 10, all: 200 } } as AbuseLimits;
  const consume = (rules: RateRule[]) =>
    consumeLimits({
      keys: rules.map((r) => r.key),
      stepsMs: rules.map((r) => r.stepMs),
      periodsMs: rules.map((r) => r.periodMs),
      sharedMs: rules.map((r) => r.sharedMs),
      reserveStepsMs: rules.map((r) => r.reserveStepMs),
      onlyNew: rules.map(() => false),
      conversationId: null,
      client: "x",
      liveCaps: [],
    });

  it("serves a client of any other network within its own limit, whatever up to 9 networks sent before and between", async () => {
    const request = fc.record({ network: fc.integer({ min: 0, max: 8 }), host: fc.integer({ min: 1, max: 254 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(request, { minLength: 200, maxLength: 400 }),
        fc.array(fc.nat(400), { minLength: 10, maxLength: 10 }),
        async (flood, at) => {
          await withClient(database.url(), (client) => client.query(`DELETE FROM "RateLimit" WHERE "key" LIKE 'imports:%'`));
          const sequence = flood.map(({ network, host }) => `192.0.${network}.${host}`);
          for (const position of [...at].sort((a, b) => b - a)) sequence.splice(Math.min(position, sequence.length), 0, BYSTANDER);
          let served = 0;
          for (const client of sequence) {
            const verdict = await consume(importRules(limits, client));
            if (client === BYSTANDER && verdict.allowed) served++;
          }
          expect(served).toBe(10);
        },
      ),
      { numRuns: 12, endOnFailure: true },
    );
  });

  it("lets a network take from the reserve only what it can pay for at 16 times the cost: nothing once it used its own limit", async () => {
    // 16 clients of one /24 (its limit: 160) send 10 each. The shared half (100) is gone after 100; the
    // network then has 60 left, which pays for 3 from the reserve at 16 each; the rest are refused.
    const verdicts = [];
    for (let host = 1; host <= 16; host++) {
      for (let i = 0; i < 10; i++) verdicts.push(await consume(importRules(limits, `192.0.50.${host}`)));
    }
    expect(verdicts.map((v) => v.allowed)).toEqual([...Array(103).fill(true), ...Array(57).fill(false)]);
    // The reserve itself has room for others.
    expect((await consume(importRules(limits, "192.0.51.1"))).allowed).toBe(true);
  });
});

describe("live views over a /24", () => {
  it("count against the /24 at CLIENTS_PER_NETWORK clients' worth, whichever of its addresses holds them", () => {
    const open = new AbortController();
    for (let host = 1; host <= CLIENTS_PER_NETWORK; host++) takeStreamSlot(`192.0.60.${host}`, 1, open.signal);
    expect(() => takeStreamSlot("192.0.60.200", 1, open.signal)).toThrow(/^Your network has too many live views open already\./);
    takeStreamSlot("192.0.61.1", 1, open.signal);
    open.abort();
    expect(openStreamCount("192.0.60.0/24")).toBe(0);
  });
});
