import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import config from "../playwright.config";
import { expect, messages, test } from "./fixtures";

test("with site data blocked in the browser's settings, the app works for the session and says so", async () => {
  // A Chromium profile whose content settings block all site data, as "Don't allow sites to save data" does.
  const profile = mkdtempSync(path.join(os.tmpdir(), "memory-chat-blocked-"));
  mkdirSync(path.join(profile, "Default"));
  writeFileSync(
    path.join(profile, "Default", "Preferences"),
    JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }),
  );
  const context = await chromium.launchPersistentContext(profile, { ...config.use?.launchOptions, baseURL: config.use?.baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto("/");
    // The precondition: this browser really refuses storage here.
    expect(
      await page.evaluate(() => {
        try {
          return typeof window.localStorage.length;
        } catch (error) {
          return (error as Error).name;
        }
      }),
    ).toBe("SecurityError");

    await expect(page.getByText("blocks site storage")).toBeVisible();
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("Hello without storage");
    await box.press("Enter");
    await expect(messages(page)).toHaveCount(2);
    await expect(messages(page).last()).toContainText("Offline model", { timeout: 20_000 });
    await expect(page.getByRole("list", { name: "Your conversations" }).getByRole("listitem")).toHaveCount(1);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("inside a cross-site frame of a browser that blocks third-party cookies, the app works and says so", async () => {
  const profile = mkdtempSync(path.join(os.tmpdir(), "memory-chat-framed-"));
  mkdirSync(path.join(profile, "Default"));
  writeFileSync(
    path.join(profile, "Default", "Preferences"),
    JSON.stringify({ profile: { cookie_controls_mode: 1, block_third_party_cookies: true } }),
  );
  const context = await chromium.launchPersistentContext(profile, { ...config.use?.launchOptions });
  let onClose = () => {};
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // A page on another site (127.0.0.1 is not the same site as localhost) that frames the app.
    const embedding = http.createServer((_request, response) => {
      response.setHeader("content-type", "text/html");
      response.end(`<iframe src="${config.use?.baseURL}/" style="width:1000px;height:700px"></iframe>`);
    });
    await new Promise<void>((resolve) => embedding.listen(0, "127.0.0.1", resolve));
    onClose = () => embedding.close();
    await page.goto(`http://127.0.0.1:${(embedding.address() as AddressInfo).port}/`);
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("textbox", { name: "Message" })).toBeVisible();
    const app = page.frames().find((candidate) => candidate !== page.mainFrame());
    expect(
      await app?.evaluate(() => {
        try {
          return typeof window.localStorage.length;
        } catch (error) {
          return (error as Error).name;
        }
      }),
    ).toBe("SecurityError");
    await expect(frame.getByText("blocks site storage")).toBeVisible();
    await frame.getByRole("textbox", { name: "Message" }).fill("Hello from a frame");
    await frame.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect(frame.getByRole("list", { name: "Messages" }).getByRole("article").last()).toContainText("Offline model", {
      timeout: 20_000,
    });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    onClose();
  }
});
