import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";

/** The database of an app server under test (scripts/e2e-server.ts writes it down). */
export const databaseUrlOf = (server: "app" | "stub"): string =>
  (JSON.parse(readFileSync(path.join(".data", `e2e-${server}.json`), "utf8")) as { databaseUrl: string }).databaseUrl;

/** Reads what the app under test stored, straight from its database. */
export async function query<T extends pg.QueryResultRow>(server: "app" | "stub", sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrlOf(server) });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export const activeId = (page: Page) => page.evaluate(() => localStorage.getItem("memory-chat:active"));

/**
 * Types a message, sends it with Enter once the composer can send (a reply still streaming holds it
 * back), and waits until its reply has been streamed to the end, and so stored.
 */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await expect(page.getByRole("button", { name: "Send" })).toBeEnabled({ timeout: 30_000 });
  const turn = page.waitForResponse((response) => response.url().endsWith("/api/chat") && response.request().method() === "POST");
  // On a touch screen Enter adds a line: the Send button sends.
  if (await page.evaluate(() => matchMedia("(pointer: coarse)").matches)) await page.getByRole("button", { name: "Send" }).click();
  else await box.press("Enter");
  // The reply's stream ends only once the reply is stored.
  await (await turn).finished();
  await expect(page.getByRole("button", { name: "Stop" })).toBeHidden({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
}

/**
 * Opens a conversation's link in a browser that has not opened it before: the app asks first
 * (whoever sent the link holds the same key), and the user opens it.
 */
export async function openFromLink(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const dialog = page.getByRole("dialog", { name: "Open a conversation from a link?" });
  await dialog.getByRole("button", { name: "Open" }).click();
  await expect(dialog).toBeHidden();
}

/** Picks `action` (Rename, Share, Export, Delete) from the ⋯ menu of the sidebar row titled `title` (a RegExp: any row). */
export async function rowAction(
  page: Page,
  title: string | RegExp,
  action: "Rename" | "Share" | "Export as Markdown" | "Export as JSON (to import)" | "Delete",
): Promise<void> {
  const name = typeof title === "string" ? `More for ${title}` : new RegExp(`^More for ${title.source}`);
  await page.getByRole("navigation", { name: "Conversations" }).getByRole("button", { name }).first().click();
  await page.getByRole("menuitem", { name: action }).click();
}

export const messages = (page: Page) => page.getByRole("list", { name: "Messages" }).getByRole("article");

/** Every test fails on a console error or an uncaught page error, and on any alert() a page opens. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("dialog", (dialog) => {
        errors.push(`unexpected dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
