import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/limits/client-address";
import {
  type AbuseLimits,
  actionRules,
  CLIENTS_PER_NETWORK,
  clientNetwork,
  DAY_MS,
  exportRules,
  GLOBAL_SHARDS,
  liveViewRules,
  MINUTE_MS,
  RESERVE,
  refusalMessage,
  shardsFor,
  stopRules,
  tokenRules,
  turnRules,
} from "@/lib/limits/limit-rules";
import { LIMIT_VARIABLES } from "@/lib/limits/limit-variables";

const LIMITS: AbuseLimits = {
  turnsPerMinute: { client: 20, conversation: 12, all: 600 },
  liveReplies: { client: 4, conversation: 2, all: 500 },
  newConversationsPerHour: { client: 60, all: 5_000 },
  importsPerHour: { client: 10, all: 200 },
  uploadMegabytesPerHour: { client: 500, all: 50_000 },
  previewsPerMinute: 30,
  actionsPerMinute: 600,
  tokensPerDay: { client: 300_000, all: 20_000_000 },
};

const forwarded = (value: string) => new Headers({ "x-forwarded-for": value });

describe("the client a request counts against", () => {
  it("with no trusted proxy, is the address the server stamped last (what a client wrote before it is not believed)", () => {
    expect(clientAddress(forwarded("203.0.113.9"), 0)).toBe("203.0.113.9");
    expect(clientAddress(forwarded("1.1.1.1, 203.0.113.9"), 0)).toBe("203.0.113.9");
  });

  it("behind n trusted proxies, is the n-th address from the right, whatever the client prepended", () => {
    expect(clientAddress(forwarded("6.6.6.6, 198.51.100.7, 10.0.0.2"), 2)).toBe("198.51.100.7");
    expect(clientAddress(forwarded("6.6.6.6, 198.51.100.7"), 1)).toBe("198.51.100.7");
  });

  it("treats IPv4-mapped IPv6 as IPv4, and an IPv6 client as its /64 (one host holds billions of addresses)", () => {
    expect(clientAddress(forwarded("::ffff:192.0.2.1"), 0)).toBe("192.0.2.1");
    expect(clientAddress(forwarded("2001:db8:0:1:aaaa::1"), 0)).toBe("2001:db8:0:1::/64");
    expect(clientAddress(forwarded("2001:db8:0:1:ffff:ffff:ffff:ffff"), 0)).toBe("2001:db8:0:1::/64");
    expect(clientAddress(forwarded("::1"), 0)).toBe("0:0:0:0::/64");
  });

  it("leaves out a port a proxy wrote, so a client is one key however many connections it opens", () => {
    expect(clientAddress(forwarded("192.0.2.7:51234"), 1)).toBe("192.0.2.7");
    expect(clientAddress(forwarded("[2001:db8:0:1::1]:443"), 1)).toBe("2001:db8:0:1::/64");
    expect(clientAddress(forwarded("[::ffff:192.0.2.7]:80"), 1)).toBe("192.0.2.7");
  });

  it("is one shared key when the header is missing or is not an address", () => {
    expect(clientAddress(new Headers(), 0)).toBe("unknown");
    expect(clientAddress(forwarded("x".repeat(500)), 0)).toBe("unknown");
  });

  it("is never longer than a short key, whatever the header says", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2_000 }), fc.integer({ min: 0, max: 10 }), (header, hops) => {
        expect(clientAddress(forwarded(header), hops).length).toBeLessThanOrEqual(70);
      }),
    );
  });
});

describe("the rules of a request", () => {
  it("an export, a Stop and a live view opened count against the client, its network and everyone", () => {
    const routes = {
      exportsPerMinute: { client: 10, all: 200 },
      stopsPerMinute: { client: 60, all: 1_200 },
      liveViewsPerMinute: { client: 120, all: 30_000 },
    };
    const keys = (rules: { key: string }[]) => rules.map((rule) => rule.key.replace(/:all:\d+$/, ":all:<shard>"));
    expect(keys(exportRules(routes, "192.0.2.1"))).toEqual([
      "exports:client:192.0.2.1",
      "exports:network:192.0.2.0/24",
      "exports:all:<shard>",
    ]);
    expect(keys(stopRules(routes, "192.0.2.1"))).toEqual(["stops:client:192.0.2.1", "stops:network:192.0.2.0/24", "stops:all:<shard>"]);
    expect(keys(liveViewRules(routes, "192.0.2.1"))).toEqual(["views:client:192.0.2.1", "views:network:192.0.2.0/24", "views:all:<shard>"]);
    expect(refusalMessage("views:all:3", 2)).toBe("Too many live views are being opened right now. Try again in 2 seconds.");
  });

  it("a turn counts once per minute against the client, its network, the conversation and everyone; a new conversation also per hour", () => {
    const rules = turnRules(LIMITS, "192.0.2.1", "c1");
    expect(rules.map((rule) => [rule.key.replace(/:all:\d+$/, ":all:<shard>"), rule.onlyNew])).toEqual([
      ["turns:client:192.0.2.1", false],
      ["turns:network:192.0.2.0/24", false],
      ["turns:conversation:c1", false],
      ["turns:all:<shard>", false],
      ["conversations:client:192.0.2.1", true],
      ["conversations:network:192.0.2.0/24", true],
      ["conversations:all:<shard>", true],
    ]);
    expect(rules[0]).toMatchObject({ stepMs: MINUTE_MS / 20, periodMs: MINUTE_MS });
  });

  it("an IPv6 client also counts against its /48 and an IPv4 client against its /24, at CLIENTS_PER_NETWORK clients' worth; unknown clients do not", () => {
    const rules = turnRules(LIMITS, "2001:db8:0:1::/64", "c1");
    expect(rules.map((rule) => rule.key).filter((key) => !key.includes(":all:"))).toEqual([
      "turns:client:2001:db8:0:1::/64",
      "turns:network:2001:db8:0::/48",
      "turns:conversation:c1",
      "conversations:client:2001:db8:0:1::/64",
      "conversations:network:2001:db8:0::/48",
    ]);
    expect(rules[1]).toMatchObject({ stepMs: MINUTE_MS / (20 * CLIENTS_PER_NETWORK), periodMs: MINUTE_MS });
    expect(actionRules(LIMITS, "192.0.2.1").map((rule) => rule.key)).toEqual(["actions:client:192.0.2.1", "actions:network:192.0.2.0/24"]);
    expect(actionRules(LIMITS, "unknown").map((rule) => rule.key)).toEqual(["actions:client:unknown"]);
    expect(refusalMessage("turns:network:2001:db8:0::/48", 3)).toBe(
      "Your network is sending messages too quickly. Try again in 3 seconds.",
    );
  });

  it("the /48 of any IPv6 address is its first three groups", () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const network = clientNetwork(clientAddress(forwarded(groups.join(":")), 0));
        expect(network).toBe(`${groups.slice(0, 3).join(":")}::/48`);
      }),
    );
  });

  it("the /24 of any IPv4 address is its first three parts, however it is written", () => {
    const part = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(
        fc.tuple(part, part, part, part),
        fc.constantFrom("", "::ffff:"),
        fc.option(fc.integer({ min: 1, max: 65_535 })),
        (parts, prefix, port) => {
          const written = `${prefix}${parts.join(".")}`;
          const client = clientAddress(forwarded(port === null ? written : `[${written}]:${port}`), 1);
          expect(clientNetwork(client)).toBe(`${parts.slice(0, 3).join(".")}.0/24`);
        },
      ),
    );
  });

  it("in each group of limits, the client's network (or the client, with none) pays 16 times for the reserve, which only limits over everyone keep", () => {
    const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join("."));
    const v6 = fc
      .array(fc.nat(0xffff), { minLength: 4, maxLength: 4 })
      .map((groups) => `${groups.map((g) => g.toString(16)).join(":")}::/64`);
    const limit = fc.integer({ min: 0, max: 1_000 });
    fc.assert(
      fc.property(fc.oneof(v4, v6, fc.constant("unknown")), limit, limit, fc.boolean(), (client, perClient, all, side) => {
        const limits = { ...LIMITS, turnsPerMinute: { client: perClient, conversation: 5, all }, tokensPerDay: { client: perClient, all } };
        const rules = [...turnRules(limits, client, "c"), ...tokenRules(limits, client, 100, 100, side)];
        for (const r of rules) {
          const [, scope] = r.key.split(":");
          const payer = scope === (clientNetwork(client) ? "network" : "client");
          expect(r.reserveStepMs).toBeCloseTo(r.stepMs * (payer ? CLIENTS_PER_NETWORK : 1));
          // Only a limit over everyone keeps a reserve, and a side call may not use it.
          if (side && r.key.startsWith("tokens:")) expect(r.sharedMs).toBe(r.periodMs);
          else expect(r.sharedMs).toBeCloseTo(r.periodMs * (scope === "all" ? 1 - RESERVE : 1));
        }
      }),
    );
  });

  it("at the defaults, draining the token budget over everyone takes at least 1,000 networks", () => {
    const client = LIMIT_VARIABLES.LIMIT_TOKENS_PER_DAY_PER_CLIENT.fallback;
    const all = LIMIT_VARIABLES.LIMIT_TOKENS_PER_DAY.fallback;
    // A network takes up to its own limit from the shared part, each unit of the reserve costs it CLIENTS_PER_NETWORK.
    const networks = (all * (1 - RESERVE) + all * RESERVE * CLIENTS_PER_NETWORK) / (client * CLIENTS_PER_NETWORK);
    expect(networks).toBeGreaterThanOrEqual(1_000);
  });

  it("an instance takes a limit's rows in turn: after any number of requests, no row has had two more than another", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 4, max: 2_000 }), (requests, all) => {
        const limits = { ...LIMITS, turnsPerMinute: { ...LIMITS.turnsPerMinute, all } };
        const counts = new Map<string, number>();
        for (let i = 0; i < requests; i++) {
          const key = turnRules(limits, "a", "c").find((r) => r.key.startsWith("turns:all:"))!.key;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        const shards = shardsFor(all, 1);
        const used = [...counts.values()];
        expect(Math.max(...used) - (used.length < shards ? 0 : Math.min(...used))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 50 },
    );
  });

  it("a limit over everyone is split over its rows: each allows its share, and requests spread over all of them", () => {
    const keys = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const global = turnRules(LIMITS, "a", "c").find((rule) => rule.key.startsWith("turns:all:"))!;
      expect(global.stepMs).toBeCloseTo((MINUTE_MS * GLOBAL_SHARDS) / 600);
      keys.add(global.key);
    }
    expect(keys.size).toBe(GLOBAL_SHARDS);
  });

  it("a limit of 0 is off", () => {
    const off = { ...LIMITS, turnsPerMinute: { client: 0, conversation: 0, all: 5 }, newConversationsPerHour: { client: 0, all: 0 } };
    expect(turnRules(off, "a", "c").map((rule) => rule.key)).toEqual([expect.stringMatching(/^turns:all:\d+$/)]);
  });

  it("tokens move the key by their share of a day; a side call may not use the budget's last tenth", () => {
    const [client] = tokenRules(LIMITS, "a", 3_000, 5_500);
    expect(client).toMatchObject({ key: "tokens:client:a", stepMs: (3_000 * DAY_MS) / 300_000, periodMs: DAY_MS });
    expect(tokenRules(LIMITS, "a", 3_000, 5_500, true)[0].periodMs).toBe(DAY_MS * 0.9);
  });

  it("a small limit over everyone keeps fewer rows, so that each still allows a few of its costliest requests", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000 }), (limit, cost) => {
        const shards = shardsFor(limit, cost);
        expect(shards).toBeGreaterThanOrEqual(1);
        expect(shards).toBeLessThanOrEqual(GLOBAL_SHARDS);
        // Each row allows the costliest request at least once whenever the limit itself does.
        if (limit >= cost) expect(limit / shards).toBeGreaterThanOrEqual(cost);
      }),
    );
    const small = { ...LIMITS, turnsPerMinute: { ...LIMITS.turnsPerMinute, all: 32 } };
    const global = turnRules(small, "a", "c").find((rule) => rule.key.startsWith("turns:all:"))!;
    expect(global.stepMs).toBeLessThanOrEqual(MINUTE_MS / 4);
  });

  it("a refusal says which limit, and when to try again in words", () => {
    expect(refusalMessage("turns:conversation:c1", 4)).toBe("This conversation is receiving messages too quickly. Try again in 4 seconds.");
    expect(refusalMessage("tokens:client:a", 7_200)).toBe("You have used today's share of the model. Try again in 2 hours.");
    expect(refusalMessage("conversations:client:a", 600)).toBe("You have started too many conversations. Try again in 10 minutes.");
  });
});
