import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const systemChromium = "/usr/bin/chromium";
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? (existsSync(systemChromium) ? systemChromium : undefined);

/** Every server of the suite listens on a port from here on (E2E_PORT_BASE), so two checkouts can run side by side. */
export const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
export const APP_URL = `http://localhost:${PORT_BASE}`;
/** The same build with a real ChatOpenAI pointed at the local OpenAI-compatible stub. */
export const STUB_APP_URL = `http://localhost:${PORT_BASE + 1}`;
const STUB_PORT = PORT_BASE + 99;
/** A page on another site that the app server allows to frame it (FRAME_ANCESTORS); e2e/storage-blocked.spec.ts serves it. */
export const FRAMING_PORT = PORT_BASE + 50;
/**
 * The whole suite comes from one address, so the per-client limits are raised; the per-conversation
 * ones keep their defaults (e2e/limits.spec.ts runs into them).
 */
const SUITE_LIMITS = {
  LIMIT_TURNS_PER_MINUTE_PER_CLIENT: "10000",
  LIMIT_LIVE_REPLIES_PER_CLIENT: "1000",
  LIMIT_NEW_CONVERSATIONS_PER_HOUR_PER_CLIENT: "100000",
  LIMIT_IMPORTS_PER_HOUR_PER_CLIENT: "10000",
  LIMIT_PREVIEWS_PER_MINUTE_PER_CLIENT: "10000",
  LIMIT_ACTIONS_PER_MINUTE_PER_CLIENT: "100000",
  LIMIT_OPEN_STREAMS_PER_CLIENT: "10000",
  LIMIT_TOKENS_PER_DAY_PER_CLIENT: "1000000000",
  LIMIT_EXPORTS_PER_MINUTE_PER_CLIENT: "100000",
  LIMIT_STOPS_PER_MINUTE_PER_CLIENT: "100000",
  LIMIT_LIVE_VIEWS_PER_MINUTE_PER_CLIENT: "100000",
};
// Instances the tests start themselves (e2e/live.spec.ts) inherit them too.
Object.assign(process.env, SUITE_LIMITS);

// `npm test` builds once before this runs; both app servers start from that build.
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: `tsx tests/support/openai-stub-server.ts ${STUB_PORT}`,
      port: STUB_PORT,
      reuseExistingServer: false,
    },
    {
      command: "tsx scripts/e2e-server.ts",
      url: APP_URL,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      // The offline model's replies are short: at 60 ms a token one lasts about a second, long enough to stop.
      env: {
        ...SUITE_LIMITS,
        OFFLINE_MODEL_DELAY_MS: "60",
        FRAME_ANCESTORS: `http://127.0.0.1:${FRAMING_PORT}`,
        E2E_NAME: "app",
        E2E_PORT: String(PORT_BASE),
      },
    },
    {
      command: "tsx scripts/e2e-server.ts",
      url: STUB_APP_URL,
      timeout: 180_000,
      reuseExistingServer: false,
      env: {
        ...SUITE_LIMITS,
        E2E_NAME: "stub",
        E2E_PORT: String(PORT_BASE + 1),
        OPENAI_BASE_URL: `http://127.0.0.1:${STUB_PORT}/v1`,
        OPENAI_MAX_RETRIES: "0",
        OPENAI_TIMEOUT_MS: "5000",
      },
    },
  ],
});
