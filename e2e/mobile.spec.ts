import AxeBuilder from "@axe-core/playwright";
import { expect, messages, send, test } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test("on a phone: a menu icon, a readable title, a new-chat icon and one overflow menu", async ({ page }, testInfo) => {
  await page.goto("/");
  await send(page, "Hello from a phone. My name is Ada.");
  await expect(messages(page)).toHaveCount(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const header = page.locator("main header");
  for (const name of ["Conversations", "New chat", "More"]) await expect(header.getByRole("button", { name, exact: true })).toBeVisible();
  const title = await header.getByRole("heading", { level: 1 }).boundingBox();
  expect(title!.width).toBeGreaterThanOrEqual(390 / 2);
  // The composer's keyboard hint is for keyboards: a phone does not show it.
  await expect(page.getByText("Shift+Enter")).toBeHidden();
  // A touch keyboard has no Shift+Enter: there Enter adds a line, and the Send button sends.
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill("first line");
  await box.press("Enter");
  await box.pressSequentially("second");
  await expect(box).toHaveValue("first line\nsecond");
  await box.fill("");
  await page.screenshot({ path: testInfo.outputPath("mobile-chat.png") });

  await header.getByRole("button", { name: "More" }).click();
  const menu = page.getByRole("menu");
  for (const item of ["Share", "Export as Markdown", "Export as JSON (to import)", "Memory"])
    await expect(menu.getByRole("menuitem", { name: item })).toBeVisible();
  await expect(menu.getByRole("menuitemradio", { name: "offline" })).toHaveAttribute("aria-checked", "true");
  await page.screenshot({ path: testInfo.outputPath("mobile-menu.png") });
  await menu.getByRole("menuitem", { name: "Memory" }).click();
  await expect(page.locator('[data-preference="name"]')).toContainText("Ada");
  await page.screenshot({ path: testInfo.outputPath("mobile-memory.png") });
  // What the assistant sees fills a phone's screen; its close button stays in view.
  const panel = page.getByRole("complementary", { name: "Memory panel" });
  await panel.getByRole("button", { name: "Show" }).click();
  const sheet = page.getByRole("dialog", { name: "What the assistant sees" });
  await expect(sheet.getByRole("button", { name: "Close dialog" })).toBeInViewport();
  await sheet.getByRole("button", { name: "Close dialog" }).click();
  await expect(sheet).toBeHidden();
  // A tap gives no tooltip to linger over what it opened.
  await expect(page.getByRole("tooltip")).toHaveCount(0);
  await panel.getByRole("button", { name: "Close" }).click();

  await header.getByRole("button", { name: "Conversations" }).click();
  const nav = page.getByRole("navigation", { name: "Conversations" });
  const close = nav.getByRole("button", { name: "Close conversations" });
  const newChat = nav.getByRole("button", { name: "New chat" });
  await expect(newChat).toBeVisible();
  expect(overlaps((await close.boundingBox())!, (await newChat.boundingBox())!)).toBe(false);
  await page.screenshot({ path: testInfo.outputPath("mobile-sidebar.png") });
  await close.click();
  await expect(nav).toBeHidden();
  // The drawer takes focus as it opens; Escape closes it and gives focus back.
  await header.getByRole("button", { name: "Conversations" }).focus();
  await page.keyboard.press("Enter");
  await expect(nav).toBeVisible();
  await expect.poll(() => nav.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(header.getByRole("button", { name: "Conversations" })).toBeFocused();

  // axe-core (WCAG 2.1 A and AA) on the phone's views, in light and dark.
  const found: Record<string, string[]> = {};
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const check = async (view: string) => {
      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const list = violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")}`));
      if (list.length) found[`${view} (${colorScheme})`] = list;
    };
    await check("the conversation");
    await header.getByRole("button", { name: "More" }).click();
    await check("the overflow menu");
    await page.keyboard.press("Escape");
    await header.getByRole("button", { name: "Conversations" }).click();
    await check("the drawer");
    await close.click();
    await header.getByRole("button", { name: "More" }).click();
    await page.getByRole("menuitem", { name: "Memory" }).click();
    await panel.getByRole("button", { name: "Show" }).click();
    await expect(sheet).toBeVisible();
    await check("what the assistant sees");
    await sheet.getByRole("button", { name: "Close dialog" }).click();
    await panel.getByRole("button", { name: "Close" }).click();
  }
  expect(found).toEqual({});
  await testInfo.attach("mobile-chat", { path: testInfo.outputPath("mobile-chat.png"), contentType: "image/png" });
});
