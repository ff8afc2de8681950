import { expect, messages, send, test } from "./fixtures";

test("the theme: Light, Dark or System from the sidebar, kept across a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/dark/);
  const choose = async (theme: "Light" | "Dark" | "System") => {
    await page.getByRole("button", { name: "Theme" }).click();
    await page.getByRole("menuitemradio", { name: theme }).click();
  };
  await choose("Dark");
  await expect(html).toHaveClass(/dark/);
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await choose("System");
  await expect(html).not.toHaveClass(/dark/);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(html).toHaveClass(/dark/);
  await choose("Light");
  await expect(html).not.toHaveClass(/dark/);
});

test("message actions are icon buttons named by their tooltips, shown on hover", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await send(page, "Remember that the boat is blue.");
  const reply = messages(page).nth(1);
  const copy = reply.getByRole("button", { name: "Copy reply" });
  /** How opaque the button is on screen: its own opacity times its ancestors'. */
  const shown = () =>
    copy.evaluate((element) => {
      let opacity = 1;
      for (let at: Element | null = element; at; at = at.parentElement) opacity *= Number(getComputedStyle(at).opacity);
      return opacity;
    });
  await expect.poll(shown).toBe(0);
  await reply.hover();
  await expect.poll(shown).toBe(1);
  await copy.hover();
  await expect(page.getByRole("tooltip", { name: "Copy reply" })).toBeVisible();
  await copy.click();
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("Offline model");
  const size = await copy.boundingBox();
  expect(Math.min(size!.width, size!.height)).toBeGreaterThanOrEqual(24);
  await expect(messages(page).first().getByRole("button", { name: "Edit" })).toBeAttached();
  await expect(reply.getByRole("button", { name: "Regenerate" })).toBeAttached();
});

test("a new conversation: the app's name, suggestions that start it, and how to connect a model", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Memory Chat" })).toBeVisible();
  const card = page.getByRole("region", { name: "Connect a model" });
  await expect(card).toContainText(".env.local");
  await expect(card).toContainText("restart");
  await card.getByRole("button", { name: "Copy the Ollama settings" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("OPENAI_BASE_URL=http://localhost:11434/v1");
  // No banner on every page: once the conversation has begun, the card is gone.
  await page.getByRole("list", { name: "Suggestions" }).getByRole("button", { name: "What do you remember about me?" }).click();
  await expect(messages(page)).toHaveCount(2);
  await expect(messages(page).first()).toContainText("What do you remember about me?");
  await expect(card).toBeHidden();
});

test("the offline model answers from memory, and a scroll-to-bottom button appears when scrolled up", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 560 });
  await page.goto("/");
  await send(page, "Hi! My name is Dana and I work at Acme Robotics.");
  await send(page, "What is my name, and where do I work?");
  await expect(messages(page).nth(3)).toContainText("Your name is Dana and you work at Acme Robotics.");
  await send(page, "Tell me a story about a lighthouse keeper who collects shells.");
  const scroller = page.getByTestId("message-scroller");
  const jump = page.getByRole("button", { name: "Scroll to the newest message" });
  await expect(jump).toBeHidden();
  await scroller.evaluate((element) => element.scrollTo({ top: 0 }));
  await expect(jump).toBeVisible();
  await jump.click();
  await expect.poll(() => scroller.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight)).toBeLessThan(80);
  await expect(jump).toBeHidden();
});

test("the message box grows with a long paragraph, up to part of the screen", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("textbox", { name: "Message" });
  const size = () => box.evaluate((element) => ({ shown: element.clientHeight, needed: element.scrollHeight }));
  const empty = await size();
  await box.fill("A long paragraph that wraps over several lines without a single line break in it. ".repeat(8));
  const long = await size();
  expect(long.shown).toBeGreaterThan(2 * empty.shown);
  expect(long.needed).toBeLessThanOrEqual(long.shown + 1);
  await box.fill("x ".repeat(3_000));
  const huge = await size();
  expect(huge.shown).toBeLessThanOrEqual(0.4 * 800 + 1);
});

test("a page that does not exist names the app and offers a new chat", async ({ page, consoleErrors }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  // The browser logs the page's own 404; nothing else may be logged.
  expect(consoleErrors).toEqual(["Failed to load resource: the server responded with a status of 404 (Not Found)"]);
  consoleErrors.length = 0;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  // Browsers ask for /favicon.ico on their own, whatever the page links: it must not be a 404 of its own.
  const favicon = await page.request.get("/favicon.ico");
  expect([favicon.status(), favicon.headers()["content-type"]]).toEqual([200, "image/x-icon"]);
  await page.getByRole("link", { name: "Start a new chat" }).click();
  await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
});
