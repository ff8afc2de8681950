import { activeId, expect, messages, send, test } from "./fixtures";

test("the keyboard shortcuts: search, new chat, stop, and the list of them", async ({ page }) => {
  await page.goto("/");
  await send(page, "Hello there.");
  const first = await activeId(page);

  await page.keyboard.press("ControlOrMeta+K");
  await expect(page.getByRole("searchbox", { name: "Search conversations" })).toBeFocused();
  // On a wide screen the sidebar sits beside the conversation, which stays within reach.
  await expect(page.getByRole("main")).not.toHaveAttribute("inert");
  await page.getByRole("textbox", { name: "Message" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeFocused();
  await page.keyboard.press("ControlOrMeta+Shift+O");
  await expect(page).not.toHaveURL(new RegExp(first!));
  await expect(page.getByText("Start a conversation")).toBeVisible();
  const second = await activeId(page);
  expect(second).not.toBe(first);

  // "?" in the message box is a character; elsewhere it lists the shortcuts.
  await page.getByRole("textbox", { name: "Message" }).press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
  await page.getByRole("textbox", { name: "Message" }).fill("");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const action of ["Search conversations", "Start a new chat", "Stop the reply being written", "Show these shortcuts"]) {
    await expect(help.getByRole("cell", { name: action })).toBeVisible();
  }
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // Esc stops a reply being written, and the partial reply stays as stopped.
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(`Please answer at length. ${"This sentence makes the reply long. ".repeat(10)}`);
  await box.press("Enter");
  await expect(messages(page).nth(1)).toContainText("Offline model");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await expect(messages(page).nth(1).locator('[data-status="stopped"]')).toHaveText("Stopped before the end.");
});

test("every control is reached with Tab, with a visible focus, and a finished reply is announced", async ({ page }) => {
  await page.goto("/");
  await send(page, "Please remember that my name is Ada.");
  await expect(page.getByRole("status", { name: "Reply announcements" })).toContainText(/^The assistant replied: /);

  const reached = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const ring = style.boxShadow !== "none";
      return {
        name: element.getAttribute("aria-label") ?? element.textContent?.trim() ?? "",
        visible: style.outlineStyle !== "none" || ring,
      };
    });
    if (!focused) continue;
    expect(focused.visible, `focus is visible on "${focused.name}"`).toBe(true);
    reached.add(focused.name);
  }
  for (const control of ["New chat", "Search conversations", "Share", "Memory", "Message", "Copy reply"])
    expect(reached).toContain(control);
});
