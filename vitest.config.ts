import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests are server code; the marker package only guards client bundles.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    // The suite sends many turns from one place; tests/limits/ turns the limits on where they are the subject.
    env: Object.fromEntries(
      [
        "TURNS_PER_MINUTE_PER_CLIENT",
        "TURNS_PER_MINUTE_PER_CONVERSATION",
        "TURNS_PER_MINUTE",
        "LIVE_REPLIES_PER_CLIENT",
        "LIVE_REPLIES_PER_CONVERSATION",
        "LIVE_REPLIES",
        "NEW_CONVERSATIONS_PER_HOUR_PER_CLIENT",
        "NEW_CONVERSATIONS_PER_HOUR",
        "IMPORTS_PER_HOUR_PER_CLIENT",
        "IMPORTS_PER_HOUR",
        "PREVIEWS_PER_MINUTE_PER_CLIENT",
        "OPEN_STREAMS_PER_CLIENT",
        "TOKENS_PER_DAY_PER_CLIENT",
        "TOKENS_PER_DAY",
      ].map((name) => [`LIMIT_${name}`, "0"]),
    ),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
