import { expect, messages, send, test } from "./fixtures";

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

test("the app works at 375 px wide", async ({ page }, testInfo) => {
  await page.goto("/");
  await send(page, "Hello from a phone. My name is Ada.");
  await expect(messages(page)).toHaveCount(2);
  // The header with every control of a stored conversation (Share, Memory, the Model picker) fits.
  await expect(page.getByRole("button", { name: "Share" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: testInfo.outputPath("mobile-chat.png") });

  await page.getByRole("button", { name: "Conversations" }).click();
  await expect(page.getByRole("button", { name: "New chat" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("mobile-sidebar.png") });
  await page.getByRole("button", { name: "Close" }).click();

  await page.getByRole("button", { name: "Memory" }).click();
  await expect(page.locator('[data-preference="name"]')).toContainText("Ada");
  await page.screenshot({ path: testInfo.outputPath("mobile-memory.png") });
  await testInfo.attach("mobile-chat", { path: testInfo.outputPath("mobile-chat.png"), contentType: "image/png" });
});
