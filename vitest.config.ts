import path from "node:path";
import { defineConfig } from "vitest/config";
import { everyLimitAt } from "./lib/limits/limit-variables";

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
    // The suite sends many turns from one place; tests/security/ turns the limits on where they are the subject.
    // Recall goes by words unless a test is about embeddings (tests/recall/), which then says which.
    env: { ...everyLimitAt("0"), MEMORY_EMBEDDINGS: "off" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
