/**
 * Every abuse limit's environment variable, with its default and largest value (lib/env.ts validates
 * them; 0 turns a limit off). Plain data, so the test and benchmark configurations read the same list.
 */
export const LIMIT_VARIABLES = {
  LIMIT_TURNS_PER_MINUTE_PER_CLIENT: { fallback: 20, max: 1_000_000 },
  LIMIT_TURNS_PER_MINUTE_PER_CONVERSATION: { fallback: 12, max: 1_000_000 },
  LIMIT_TURNS_PER_MINUTE: { fallback: 600, max: 1_000_000 },
  LIMIT_LIVE_REPLIES_PER_CLIENT: { fallback: 4, max: 100_000 },
  LIMIT_LIVE_REPLIES_PER_CONVERSATION: { fallback: 2, max: 100_000 },
  LIMIT_LIVE_REPLIES: { fallback: 500, max: 100_000 },
  LIMIT_NEW_CONVERSATIONS_PER_HOUR_PER_CLIENT: { fallback: 60, max: 1_000_000 },
  LIMIT_NEW_CONVERSATIONS_PER_HOUR: { fallback: 5_000, max: 10_000_000 },
  LIMIT_IMPORTS_PER_HOUR_PER_CLIENT: { fallback: 10, max: 1_000_000 },
  LIMIT_IMPORTS_PER_HOUR: { fallback: 200, max: 1_000_000 },
  /** Attachments uploaded, in megabytes (a file counts its declared size, rounded up). */
  LIMIT_UPLOAD_MB_PER_HOUR_PER_CLIENT: { fallback: 500, max: 1_000_000 },
  LIMIT_UPLOAD_MB_PER_HOUR: { fallback: 50_000, max: 100_000_000 },
  /** Live views (a conversation's events, a followed reply) one client may hold open on one instance. */
  LIMIT_OPEN_STREAMS_PER_CLIENT: { fallback: 24, max: 100_000 },
  /** GET …/context ("What the assistant sees"): each runs recall, so it is counted too. */
  LIMIT_PREVIEWS_PER_MINUTE_PER_CLIENT: { fallback: 30, max: 1_000_000 },
  /** Server actions (page reads, search, renames, memory, share links): each costs a few statements. */
  LIMIT_ACTIONS_PER_MINUTE_PER_CLIENT: { fallback: 600, max: 1_000_000 },
  /** GET …/export: each reads the whole conversation, however long. */
  LIMIT_EXPORTS_PER_MINUTE_PER_CLIENT: { fallback: 10, max: 1_000_000 },
  LIMIT_EXPORTS_PER_MINUTE: { fallback: 200, max: 1_000_000 },
  /** POST …/stop: each writes and notifies every instance. */
  LIMIT_STOPS_PER_MINUTE_PER_CLIENT: { fallback: 60, max: 1_000_000 },
  LIMIT_STOPS_PER_MINUTE: { fallback: 1_200, max: 1_000_000 },
  /** Live views opened (a conversation's events, a followed reply): each costs a read or two to start. */
  LIMIT_LIVE_VIEWS_PER_MINUTE_PER_CLIENT: { fallback: 120, max: 1_000_000 },
  /** Every page load opens one: generous, so that a flood is refused (heaviest networks first) long before page loads are. */
  LIMIT_LIVE_VIEWS_PER_MINUTE: { fallback: 30_000, max: 10_000_000 },
  /** With a real model only: prompt plus OPENAI_MAX_OUTPUT_TOKENS of every call, refilled over 24 hours. */
  LIMIT_TOKENS_PER_DAY_PER_CLIENT: { fallback: 300_000, max: 1_000_000_000 },
  /**
   * Draining it takes at least 1,000 /24s (or /48s): each gets 16 clients' worth, 4.8 M, of the shared
   * half, 300 M, but at most one client's, 300 k, of the reserved half (RESERVE in limit-rules.ts), so
   * (300 M + 16 × 300 M) / 4.8 M = 1,062.5 networks.
   */
  LIMIT_TOKENS_PER_DAY: { fallback: 600_000_000, max: 100_000_000_000 },
} as const;

export type LimitVariable = keyof typeof LIMIT_VARIABLES;

/** Every limit set to `value`: for a suite or a benchmark that sends everything from one place. */
export const everyLimitAt = (value: string): Record<LimitVariable, string> =>
  Object.fromEntries(Object.keys(LIMIT_VARIABLES).map((name) => [name, value])) as Record<LimitVariable, string>;
