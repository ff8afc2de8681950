// Which limits a request counts against, and by how much: pure, so the rules are tested apart from the
// statement that applies them (CONSUME_LIMITS in lib/db/queries/limit-queries.ts).

/** A limit per client, and one over everyone; 0 turns either off. */
export interface ScopedLimit {
  client: number;
  all: number;
}

export interface AbuseLimits {
  turnsPerMinute: ScopedLimit & { conversation: number };
  liveReplies: ScopedLimit & { conversation: number };
  newConversationsPerHour: ScopedLimit;
  importsPerHour: ScopedLimit;
  /** Per client only: a preview costs a recall, not a model call. */
  previewsPerMinute: number;
  /** Per client only: server actions, each a few statements. */
  actionsPerMinute: number;
  tokensPerDay: ScopedLimit;
}

/**
 * One key's share of a request, as a generic cell rate algorithm: a key allows `limit` units per
 * period, all at once or spread out; a request using `cost` units moves the key's "empty at"
 * moment `cost × period / limit` later, and is refused when that would pass `now + period`.
 */
export interface RateRule {
  key: string;
  /** How much later the key's "empty at" moves: cost × period / limit. */
  stepMs: number;
  periodMs: number;
  /** Counted only when the request creates its conversation. */
  onlyNew: boolean;
}

/** How many replies may stream at once; 0 is no limit. Checked against the replies streaming now. */
export type LiveLimits = AbuseLimits["liveReplies"];

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const rule = (key: string, limit: number, periodMs: number, cost = 1, onlyNew = false): RateRule[] =>
  limit > 0 ? [{ key, stepMs: (cost * periodMs) / limit, periodMs, onlyNew }] : [];

/**
 * An IPv6 client is limited by its /64 (lib/limits/client-address.ts), but one holder of a /48 has
 * 65,536 of them. Each limit per client therefore also counts against the client's /48, at this many
 * clients' worth: a whole /48 gets 16 clients' share, more than an IPv4 address shared behind a NAT.
 */
export const CLIENTS_PER_NETWORK = 16;

/** The /48 of an IPv6 client's key ("2001:db8:1::/48"); null for IPv4 and unknown clients. */
export function clientNetwork(client: string): string | null {
  const groups = /^([0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}):[0-9a-f]{1,4}::\/64$/.exec(client);
  return groups ? `${groups[1]}::/48` : null;
}

/** A limit per client, and for an IPv6 client the same limit over its /48 at CLIENTS_PER_NETWORK clients' worth. */
function clientRule(name: string, client: string, limit: number, periodMs: number, cost = 1, onlyNew = false): RateRule[] {
  const network = clientNetwork(client);
  return [
    ...rule(`${name}:client:${client}`, limit, periodMs, cost, onlyNew),
    ...(network ? rule(`${name}:network:${network}`, limit * CLIENTS_PER_NETWORK, periodMs, cost, onlyNew) : []),
  ];
}

/**
 * A limit over everyone is kept in up to this many rows, each allowing its share, and a request counts
 * against one of them at random: one row would make every turn of every instance wait for the one
 * before it (its row lock), capping throughput at one statement at a time. Near the limit, a request
 * may be refused by its row while another has room; over a minute, everyone gets about the limit.
 */
export const GLOBAL_SHARDS = 64;

/** Each row must allow a few of the costliest requests, or a small limit would refuse everything. */
const MIN_REQUESTS_PER_SHARD = 4;

export const shardsFor = (limit: number, cost: number) =>
  Math.max(1, Math.min(GLOBAL_SHARDS, Math.floor(limit / (cost * MIN_REQUESTS_PER_SHARD))));

const globalRule = (name: string, limit: number, periodMs: number, cost = 1, onlyNew = false, shardCost = cost): RateRule[] => {
  const shards = shardsFor(limit, shardCost);
  return rule(`${name}:all:${Math.floor(Math.random() * shards)}`, limit / shards, periodMs, cost, onlyNew);
};

/** The rate limits of a chat turn: turns per minute, and new conversations per hour if it starts one. */
export function turnRules(limits: AbuseLimits, client: string, conversationId: string): RateRule[] {
  return [
    ...clientRule("turns", client, limits.turnsPerMinute.client, MINUTE_MS),
    ...rule(`turns:conversation:${conversationId}`, limits.turnsPerMinute.conversation, MINUTE_MS),
    ...globalRule("turns", limits.turnsPerMinute.all, MINUTE_MS),
    ...clientRule("conversations", client, limits.newConversationsPerHour.client, HOUR_MS, 1, true),
    ...globalRule("conversations", limits.newConversationsPerHour.all, HOUR_MS, 1, true),
  ];
}

/**
 * Model tokens, with a real model only. A side call (extraction, title, summary) may not use the last
 * tenth. `turnTokens` is the most a turn costs: the rows of the overall budget are sized for it, the
 * same for every call.
 */
export function tokenRules(limits: AbuseLimits, client: string, tokens: number, turnTokens: number, side = false): RateRule[] {
  const periodMs = side ? DAY_MS * 0.9 : DAY_MS;
  return [
    ...clientRule("tokens", client, limits.tokensPerDay.client, DAY_MS, tokens),
    ...globalRule("tokens", limits.tokensPerDay.all, DAY_MS, tokens, false, turnTokens),
  ].map((r) => ({ ...r, periodMs }));
}

export function importRules(limits: AbuseLimits, client: string): RateRule[] {
  return [
    ...clientRule("imports", client, limits.importsPerHour.client, HOUR_MS),
    ...rule("imports:all", limits.importsPerHour.all, HOUR_MS),
  ];
}

/** "What the assistant sees": each preview runs recall. */
export function previewRules(limits: AbuseLimits, client: string): RateRule[] {
  return clientRule("previews", client, limits.previewsPerMinute, MINUTE_MS);
}

/** Server actions: every page read, search and change the browser asks for, at `cost` units each. */
export function actionRules(limits: AbuseLimits, client: string, cost = 1): RateRule[] {
  return clientRule("actions", client, limits.actionsPerMinute, MINUTE_MS, cost);
}

/** What each limit says when it refuses, by its key's first two parts. */
const REFUSALS: Record<string, string> = {
  "turns:client": "You are sending messages too quickly.",
  "turns:network": "Your network is sending messages too quickly.",
  "turns:conversation": "This conversation is receiving messages too quickly.",
  "turns:all": "The app is receiving too many messages right now.",
  "conversations:client": "You have started too many conversations.",
  "conversations:network": "Your network has started too many conversations.",
  "conversations:all": "Too many conversations are being started right now.",
  "imports:client": "You have imported too many files.",
  "imports:network": "Your network has imported too many files.",
  "imports:all": "Too many files are being imported right now.",
  "previews:client": "You are asking what the assistant sees too often.",
  "previews:network": "Your network is asking what the assistant sees too often.",
  "actions:client": "You are sending requests too quickly.",
  "actions:network": "Your network is sending requests too quickly.",
  "tokens:client": "You have used today's share of the model.",
  "tokens:network": "Your network has used today's share of the model.",
  "tokens:all": "The app has used today's share of the model.",
  "live:client": "You already have replies being written.",
  "live:conversation": "A reply is already being written in this conversation.",
  "live:all": "Too many replies are being written right now.",
};

/** What a refused request is told: which limit, in words, and when to try again. */
export function refusalMessage(key: string, waitSeconds: number): string {
  const scope = key.split(":").slice(0, 2).join(":");
  return `${REFUSALS[scope] ?? "Too many requests."} Try again in ${waitInWords(waitSeconds)}.`;
}

function waitInWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}
