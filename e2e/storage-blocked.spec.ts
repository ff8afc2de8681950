import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Frame, type Page } from "@playwright/test";
import config, { FRAMING_PORT } from "../playwright.config";
import { expect, messages, test } from "./fixtures";

/** A real Chromium whose profile holds the given content settings, as its settings page would write them. */
async function withProfile(preferences: object, work: (context: BrowserContext) => Promise<void>): Promise<void> {
  const profile = mkdtempSync(path.join(os.tmpdir(), "memory-chat-profile-"));
  mkdirSync(path.join(profile, "Default"));
  writeFileSync(path.join(profile, "Default", "Preferences"), JSON.stringify({ profile: preferences }));
  const context = await chromium.launchPersistentContext(profile, { ...config.use?.launchOptions, baseURL: config.use?.baseURL });
  try {
    await work(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The precondition of each test: this browser really refuses storage to the app. */
const storageError = (target: Page | Frame) =>
  target.evaluate(() => {
    try {
      return typeof window.localStorage.length;
    } catch (error) {
      return (error as Error).name;
    }
  });

/** Uncaught errors and Content-Security-Policy violations (these profiles' pages are not the fixture's). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}

test("with site data blocked in the browser's settings, the app works for the session and says so", async () => {
  // "Don't allow sites to save data".
  await withProfile({ default_content_setting_values: { cookies: 2 } }, async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = collectErrors(page);
    await page.goto("/");
    expect(await storageError(page)).toBe("SecurityError");

    await expect(page.getByText("blocks site storage")).toBeVisible();
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("Hello without storage");
    await box.press("Enter");
    await expect(messages(page)).toHaveCount(2);
    await expect(messages(page).last()).toContainText("Offline model", { timeout: 20_000 });
    await expect(page.getByRole("list", { name: "Your conversations" }).getByRole("listitem")).toHaveCount(1);
    expect(errors).toEqual([]);
  });
});

test("inside a cross-site frame of a browser that blocks third-party cookies, the app works and says so", async () => {
  // A page on another site (127.0.0.1 is not the same site as localhost) that frames the app: the one
  // origin the suite's app server allows to (FRAME_ANCESTORS); e2e/headers.spec.ts shows others cannot.
  const embedding = http.createServer((_request, response) => {
    response.setHeader("content-type", "text/html");
    response.end(`<iframe src="${config.use?.baseURL}/" style="width:1000px;height:700px"></iframe>`);
  });
  await new Promise<void>((resolve) => embedding.listen(FRAMING_PORT, "127.0.0.1", resolve));
  try {
    await withProfile({ cookie_controls_mode: 1, block_third_party_cookies: true }, async (context) => {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors = collectErrors(page);
      await page.goto(`http://127.0.0.1:${FRAMING_PORT}/`);
      const frame = page.frameLocator("iframe");
      await expect(frame.getByRole("textbox", { name: "Message" })).toBeVisible();
      const app = page.frames().find((candidate) => candidate !== page.mainFrame());
      expect(app && (await storageError(app))).toBe("SecurityError");

      await expect(frame.getByText("blocks site storage")).toBeVisible();
      await frame.getByRole("textbox", { name: "Message" }).fill("Hello from a frame");
      await frame.getByRole("textbox", { name: "Message" }).press("Enter");
      await expect(frame.getByRole("list", { name: "Messages" }).getByRole("article").last()).toContainText("Offline model", {
        timeout: 20_000,
      });
      expect(errors).toEqual([]);
    });
  } finally {
    embedding.close();
  }
});
