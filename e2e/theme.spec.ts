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
