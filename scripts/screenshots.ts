// Captures the README's screenshots from a running app: tsx scripts/screenshots.ts [http://localhost:3000]
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3000";
const browser = await chromium.launch({
  executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
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
