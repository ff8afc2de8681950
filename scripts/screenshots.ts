// Captures the screenshots in docs/screenshots from a running app: tsx scripts/screenshots.ts [http://localhost:3000]
import { chromium } from "@playwright/test";
import config from "../playwright.config";

const base = process.argv[2] ?? "http://localhost:3000";
// The same browser and flags as the end-to-end suite.
const browser = await chromium.launch(config.use?.launchOptions);
const conversation = [
  "Hi! My name is Ada, and let's talk about pricing.",
  "Could you show the seat maths as code?\n```ts\nconst total = seats * pricePerSeat;\n```",
];
for (const colorScheme of ["light", "dark"] as const) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, colorScheme });
  await page.goto(base);
  for (const text of conversation) {
    await page.getByRole("textbox", { name: "Message" }).fill(text);
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    await page.getByRole("button", { name: "Send" }).waitFor();
  }
  await page.getByRole("button", { name: "Memory" }).click();
  await page.locator('[data-preference="name"]').waitFor();
  await page.screenshot({ path: `docs/screenshots/${colorScheme}.png` });
  await page.close();
}
await browser.close();
