import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, rowAction, send, test } from "./fixtures";

/** axe-core's WCAG 2.1 A and AA rules on what the page shows now: each violation with where it is. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")} (${node.failureSummary?.split("\n")[1]?.trim() ?? ""})`),
  );
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`the main views pass axe-core in ${colorScheme} mode`, async ({ page, consoleErrors }) => {
    // Every view is checked before the test fails, so one run lists everything to fix.
    const found: Record<string, string[]> = {};
    const check = async (view: string) => {
      const list = await violations(page);
      if (list.length > 0) found[view] = list;
    };
    await page.emulateMedia({ colorScheme });
    await page.goto("/");
    await check("an empty conversation");
    await send(page, "My name is Ada and I like **green tea**. Here is `code` and a [link](https://example.com).");
    await check("a conversation with a reply");

    const mine = page.getByRole("list", { name: "Messages" }).getByRole("article").first();
    await mine.getByRole("button", { name: "Edit" }).click();
    await check("a message being edited");
    await page.getByRole("textbox", { name: "Edit message" }).fill("My name is Ada and I like **green tea**, truly.");
    const edited = page.waitForResponse((r) => r.url().endsWith("/api/chat") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Send edited message" }).click();
    await (await edited).finished();
    await expect(page.getByTestId("version-position")).toHaveText("2 / 2");
    await check("a message with two versions");

    await page.getByRole("button", { name: "Memory" }).click();
    await expect(page.getByRole("heading", { name: "What the assistant sees" })).toBeVisible();
    await page.getByRole("textbox", { name: "Message" }).fill("What is my name?");
    await check("the memory panel");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByRole("list", { name: "What the assistant sees" })).toBeVisible();
    await check("what the assistant sees");
    await page.keyboard.press("Escape");

    await page.getByRole("searchbox", { name: "Search conversations" }).fill("Ada");
    await expect(page.getByRole("list", { name: "Search results" })).toBeVisible();
    await check("sidebar search");

    await page.getByRole("button", { name: "Share" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await check("the share dialog");
    await page.keyboard.press("Escape");

    await rowAction(page, /.+/, "Delete");
    await expect(page.getByRole("dialog")).toBeVisible();
    await check("the delete dialog");
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await check("the keyboard shortcuts dialog");
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Export" }).click();
    await expect(page.getByRole("menu")).toBeVisible();
    await check("the export menu");
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Import…" }).click();
    await expect(page.getByRole("dialog", { name: "Import conversations" })).toBeVisible();
    await check("the import dialog");
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Share" }).click();
    const share = page.getByRole("dialog");
    const link = share.getByRole("textbox", { name: "Read-only link" });
    if (!(await link.isVisible())) await share.getByRole("button", { name: "Create link" }).click();
    const url = await link.inputValue();
    await page.keyboard.press("Escape");
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await check("a shared page");

    await page.goto("/memory");
    await expect(page.getByRole("heading", { name: "Saved memories" })).toBeVisible();
    await expect(page.getByTestId("saved-counts")).toBeVisible();
    await check("the Memory page");
    await page.getByRole("button", { name: "Move to another device" }).click();
    await expect(page.getByRole("img", { name: "QR code of the move link" })).toBeVisible();
    await check("the Memory page with the move link");

    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await check("a page that does not exist");
    // The browser logs the page's own 404; nothing else may be logged.
    expect(consoleErrors).toEqual(["Failed to load resource: the server responded with a status of 404 (Not Found)"]);
    consoleErrors.length = 0;
    expect(found).toEqual({});
  });
}
