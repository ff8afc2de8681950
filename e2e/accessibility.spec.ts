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
  test(`the main views pass axe-core in ${colorScheme} mode`, async ({ page }) => {
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
    expect(found).toEqual({});
  });
}
