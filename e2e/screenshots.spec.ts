import { expect, messages, send, test } from "./fixtures";

/**
 * The README's screenshots: desktop light, desktop dark and a phone, of one conversation that shows
 * memory at work and rich content. `npm run screenshots` writes them to docs/screenshots/; the suite
 * takes them into its own output, so a view that breaks is seen there.
 */
const target = (name: string, output: (file: string) => string) =>
  process.env.SCREENSHOTS === "update" ? `docs/screenshots/${name}.png` : output(`${name}.png`);

const CONVERSATION = [
  "Hi! My name is Ada and I work at Acme Robotics.",
  "Here is the seat maths:\n\n```ts\nconst total = seats * pricePerSeat;\n```",
  "What is my name, and where do I work?",
];

for (const view of [
  { name: "desktop-light", colorScheme: "light", viewport: { width: 1280, height: 800 }, phone: false },
  { name: "desktop-dark", colorScheme: "dark", viewport: { width: 1280, height: 800 }, phone: false },
  { name: "mobile", colorScheme: "light", viewport: { width: 390, height: 844 }, phone: true },
] as const) {
  test.describe(view.name, () => {
    test.use({ viewport: view.viewport, colorScheme: view.colorScheme, isMobile: view.phone, hasTouch: view.phone });
    test(`screenshot: ${view.name}`, async ({ page }, testInfo) => {
      await page.goto("/");
      for (const text of CONVERSATION) await send(page, text);
      await expect(messages(page).last()).toContainText("Your name is Ada and you work at Acme Robotics.");
      if (view.viewport.width >= 1024) {
        await page.getByRole("button", { name: "Memory" }).click();
        await expect(page.locator('[data-preference="name"]')).toContainText("Ada");
      }
      await page.mouse.move(0, 0);
      await page.screenshot({ path: target(view.name, (file) => testInfo.outputPath(file)) });
    });
  });
}
