import { pdfWithPages, pngWithMetadata } from "../tests/support/sample-files";
import { expect, messages, send, test } from "./fixtures";

for (const view of [
  { name: "desktop-light", colorScheme: "light", viewport: { width: 1280, height: 800 }, phone: false },
  { name: "desktop-dark", colorScheme: "dark", viewport: { width: 1280, height: 800 }, phone: false },
  { name: "mobile-light", colorScheme: "light", viewport: { width: 390, height: 844 }, phone: true },
  { name: "mobile-dark", colorScheme: "dark", viewport: { width: 390, height: 844 }, phone: true },
] as const) {
  test.describe(view.name, () => {
    test.use({ viewport: view.viewport, colorScheme: view.colorScheme, isMobile: view.phone, hasTouch: view.phone });
    test(`look: ${view.name}`, async ({ page, browser }) => {
      const shot = (what: string) => page.screenshot({ path: `/tmp/shots/${view.name}-${what}.png` });
      await page.goto("/");
      const chooser = page.waitForEvent("filechooser");
      await page.getByRole("button", { name: "Attach files" }).click();
      await (await chooser).setFiles([
        { name: "beach-photo.png", mimeType: "image/png", buffer: pngWithMetadata(320, 200) },
        { name: "itinerary.pdf", mimeType: "application/pdf", buffer: pdfWithPages([["Day 1: Lisbon."], ["Day 2: Porto."]]) },
        { name: "packing-list-for-the-long-summer-trip.md", mimeType: "text/markdown", buffer: Buffer.from("# Pack\n- hat") },
      ]);
      await expect(page.getByRole("list", { name: "Files to send" }).getByRole("listitem")).toHaveCount(3);
      await page.getByRole("textbox", { name: "Message" }).fill("Here are the trip files.");
      await page.waitForTimeout(1500);
      await shot("1-composer");
      await send(page, "Here are the trip files.").catch(() => undefined);
      await page
        .getByRole("button", { name: "Send" })
        .click()
        .catch(() => undefined);
      await expect(messages(page)).toHaveCount(2);
      await page.waitForTimeout(1500);
      await shot("2-sent");
      if (!view.phone) {
        await page.getByRole("button", { name: "Export" }).click();
        await shot("3-export-menu");
        await page.keyboard.press("Escape");
      }
      const ctx = await browser.newContext({ viewport: view.viewport, colorScheme: view.colorScheme, isMobile: view.phone });
      void ctx;
      await ctx.close();
    });
  });
}
