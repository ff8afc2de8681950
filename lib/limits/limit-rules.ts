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
  /** Attachments, in megabytes. */
  uploadMegabytesPerHour: ScopedLimit;
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
  /** How far past now "empty at" may move for a request not served from a reserve: periodMs, except over everyone. */
  sharedMs: number;
  /** The step when the request is served from a reserve: CLIENTS_PER_NETWORK steps for the one who pays for it. */
  reserveStepMs: number;
  /** Counted only when the request creates its conversation. */
  onlyNew: boolean;
}

/** How many replies may stream at once; 0 is no limit. Checked against the replies streaming now. */
export type LiveLimits = AbuseLimits["liveReplies"];

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const rule = (key: string, limit: number, periodMs: number, cost = 1, onlyNew = false): RateRule[] => {
  const stepMs = (cost * periodMs) / limit;
  return limit > 0 ? [{ key, stepMs, periodMs, sharedMs: periodMs, reserveStepMs: stepMs, onlyNew }] : [];
};

/**
 * An IPv4 client is one address and an IPv6 client its /64 (lib/limits/client-address.ts), but one
 * holder may have a whole /24, or a /48 (65,536 /64s). Each limit per client therefore also counts
 * against the client's network, at this many clients' worth: a network gets 16 clients' share.
 */
export const CLIENTS_PER_NETWORK = 16;

/** The network of a client's key: "203.0.113.0/24" for IPv4, "2001:db8:1::/48" for IPv6; null for unknown clients. */
export function clientNetwork(client: string): string | null {
  const v4 = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/.exec(client);
  if (v4) return `${v4[1]}.0/24`;
  const v6 = /^([0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}):[0-9a-f]{1,4}::\/64$/.exec(client);
  return v6 ? `${v6[1]}::/48` : null;
}

/** What a request served from a reserve pays: CLIENTS_PER_NETWORK times its cost (see RESERVE). */
const paysReserve = (rule: RateRule): RateRule => ({ ...rule, reserveStepMs: rule.stepMs * CLIENTS_PER_NETWORK });

/**
 * A limit per client, and the same limit over the client's network at CLIENTS_PER_NETWORK clients'
 * worth. The network pays for what its clients take from a reserve; a client with none pays itself.
 */
function clientRule(name: string, client: string, limit: number, periodMs: number, cost = 1, onlyNew = false): RateRule[] {
  const network = clientNetwork(client);
  const own = rule(`${name}:client:${client}`, limit, periodMs, cost, onlyNew);
  if (!network) return own.map(paysReserve);
  return [...own, ...rule(`${name}:network:${network}`, limit * CLIENTS_PER_NETWORK, periodMs, cost, onlyNew).map(paysReserve)];
}

/**
 * A limit over everyone is kept in up to this many rows, each allowing its share, and a request counts
 * against one of them, each instance taking them in turn: one row would make every turn of every
 * instance wait for the one before it (its row lock), capping throughput at one statement at a time. Near the limit, a request
 * may be refused by its row while another has room; over a minute, everyone gets about the limit.
 */
export const GLOBAL_SHARDS = 64;

/** Each row must allow a few of the costliest requests, or a small limit would refuse everything. */
const MIN_REQUESTS_PER_SHARD = 4;

export const shardsFor = (limit: number, cost: number) =>
  Math.max(1, Math.min(GLOBAL_SHARDS, Math.floor(limit / (cost * MIN_REQUESTS_PER_SHARD))));

/**
 * The part of each limit over everyone (of each of its rows) kept in reserve, so that a flood from a
 * few networks cannot deny the others. A request the rest of the limit refuses is served from the
 * reserve when its network (or a client that has none) can pay CLIENTS_PER_NETWORK times the request
 * against its own limit; the request's group of limits (turns, tokens…) is then counted that way,
 * all or nothing (CONSUME_LIMITS).
 *
 * The guarantee. A network's limit is CLIENTS_PER_NETWORK clients' worth, so a network takes from a
 * reserve at most one client's limit per period (its burst, then its refill), and nothing while it has
 * less than CLIENTS_PER_NETWORK requests' worth of its own left: once everyone together reaches a limit,
 * the networks using the most are refused first. So while k networks take from the reserve and
 * k × (client limit) + a request ≤ RESERVE × (limit over everyone), a request within its own limits
 * from any other network is served (to within the spread over rows: each row keeps its reserve).
 * Draining a limit over everyone takes (1 − RESERVE) × limit from networks' own shares and RESERVE ×
 * limit at CLIENTS_PER_NETWORK times the cost, so at least (1 − RESERVE + RESERVE × CLIENTS_PER_NETWORK)
 * / CLIENTS_PER_NETWORK = 0.53 × limit / (client limit) networks. With no limit per client, nothing pays
 * for a reserve and the whole limit is shared.
 */
export const RESERVE = 0.5;

/**
 * Each instance takes a limit's rows in turn, from a random start: concurrent requests rarely wait on
 * the same row, and the rows fill (their reserves too) evenly rather than by chance.
 */
const lastRow = new Map<string, number>();
const takeRow = (name: string, shards: number) => {
  const turn = (lastRow.get(name) ?? Math.floor(Math.random() * GLOBAL_SHARDS)) + 1;
  lastRow.set(name, turn);
  return turn % shards;
};

/** A limit over everyone keeps its reserve. */
const overEveryone = (rules: RateRule[]): RateRule[] => rules.map((r) => ({ ...r, sharedMs: r.periodMs * (1 - RESERVE) }));

const globalRule = (name: string, limit: number, periodMs: number, cost = 1, onlyNew = false, shardCost = cost): RateRule[] => {
  const shards = shardsFor(limit, shardCost);
  return overEveryone(rule(`${name}:all:${takeRow(name, shards)}`, limit / shards, periodMs, cost, onlyNew));
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
 * Model tokens, with a real model only. A side call (extraction, title, summary) may not use a reserve,
 * nor the last tenth of the rest. `turnTokens` is the most a turn costs: the rows of the overall budget
 * are sized for it, the same for every call.
 */
export function tokenRules(limits: AbuseLimits, client: string, tokens: number, turnTokens: number, side = false): RateRule[] {
  const rules = [
    ...clientRule("tokens", client, limits.tokensPerDay.client, DAY_MS, tokens),
    ...globalRule("tokens", limits.tokensPerDay.all, DAY_MS, tokens, false, turnTokens),
  ];
  // Replies keep the reserve and the last tenth of the rest.
  return side ? rules.map((r) => ({ ...r, periodMs: r.sharedMs * 0.9, sharedMs: r.sharedMs * 0.9 })) : rules;
}

export function importRules(limits: AbuseLimits, client: string): RateRule[] {
  return [
    ...clientRule("imports", client, limits.importsPerHour.client, HOUR_MS),
    ...overEveryone(rule("imports:all", limits.importsPerHour.all, HOUR_MS)),
  ];
}

/** "What the assistant sees": each preview runs recall. */
/** An attachment's upload: `megabytes`, its declared size rounded up, per hour. */
export function uploadRules(limits: AbuseLimits, client: string, megabytes: number): RateRule[] {
  return [
    ...clientRule("uploads", client, limits.uploadMegabytesPerHour.client, HOUR_MS, megabytes),
    ...globalRule("uploads", limits.uploadMegabytesPerHour.all, HOUR_MS, megabytes),
  ];
}

export function previewRules(limits: AbuseLimits, client: string): RateRule[] {
  return clientRule("previews", client, limits.previewsPerMinute, MINUTE_MS);
}

/** Server actions: every page read, search and change the browser asks for, at `cost` units each. */
export function actionRules(limits: AbuseLimits, client: string, cost = 1): RateRule[] {
  return clientRule("actions", client, limits.actionsPerMinute, MINUTE_MS, cost);
}

/** The routes under a conversation that are not turns: export, Stop, and opening a live view. */
export interface RouteLimits {
  /** Each export reads the whole conversation (a 50 MB one is 200 queries or more). */
  exportsPerMinute: ScopedLimit;
  /** Each Stop writes and notifies every instance. */
  stopsPerMinute: ScopedLimit;
  /** An events stream or a followed reply opened costs a read or two; the open ones are capped apart. */
  liveViewsPerMinute: ScopedLimit;
}

export function exportRules(limits: RouteLimits, client: string): RateRule[] {
  return [
    ...clientRule("exports", client, limits.exportsPerMinute.client, MINUTE_MS),
    ...globalRule("exports", limits.exportsPerMinute.all, MINUTE_MS),
  ];
}

export function stopRules(limits: RouteLimits, client: string): RateRule[] {
  return [
    ...clientRule("stops", client, limits.stopsPerMinute.client, MINUTE_MS),
    ...globalRule("stops", limits.stopsPerMinute.all, MINUTE_MS),
  ];
}

export function liveViewRules(limits: RouteLimits, client: string): RateRule[] {
  return [
    ...clientRule("views", client, limits.liveViewsPerMinute.client, MINUTE_MS),
    ...globalRule("views", limits.liveViewsPerMinute.all, MINUTE_MS),
  ];
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
  "uploads:client": "You have uploaded too much this hour.",
  "uploads:network": "Your network has uploaded too much this hour.",
  "uploads:all": "Too many files are being uploaded right now.",
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
  "exports:client": "You are exporting conversations too often.",
  "exports:network": "Your network is exporting conversations too often.",
  "exports:all": "Too many conversations are being exported right now.",
  "stops:client": "You are stopping replies too often.",
  "stops:network": "Your network is stopping replies too often.",
  "stops:all": "Too many replies are being stopped right now.",
  "views:client": "You are opening live views too often.",
  "views:network": "Your network is opening live views too often.",
  "views:all": "Too many live views are being opened right now.",
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
