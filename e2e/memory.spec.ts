import { activeId, expect, query, send, test } from "./fixtures";

test("the memory panel shows what was learned, search finds it, and edits persist", async ({ page }) => {
  await page.goto("/");
  await send(page, "Hi, my name is Grace.");
  await send(page, "Let's talk about pricing.");
  const id = await activeId(page);

  await page.getByRole("button", { name: "Memory" }).click();
  const panel = page.getByRole("complementary", { name: "Memory panel" });
  // The panel takes focus as it opens; Escape closes it and gives focus back to its button.
  await expect(panel).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(page.getByRole("button", { name: "Memory" })).toBeFocused();
  await page.getByRole("button", { name: "Memory" }).click();
  const preferences = panel.getByRole("list", { name: "Preferences" });
  await expect(preferences.locator('[data-preference="name"]')).toContainText("Grace");
  await expect(preferences.locator('[data-preference="topic"]')).toContainText("pricing");
  await expect(panel.getByTestId("memory-counts")).toContainText("4 messages in the live window");

  await page.getByRole("searchbox", { name: "Search conversations" }).fill("topic:pricing");
  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("button", { name: "Hi, my name is Grace.", exact: true })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search conversations" }).fill("topic:gardening");
  await expect(page.getByText("No conversation matches.")).toBeVisible();
  await page.getByRole("searchbox", { name: "Search conversations" }).fill("");

  await panel.getByRole("button", { name: "Edit name" }).click();
  const value = panel.getByRole("textbox", { name: "Value of name" });
  // Escape in an edit cancels the edit, not the panel.
  await value.fill("Not this");
  await value.press("Escape");
  await expect(value).toBeHidden();
  await expect(preferences.locator('[data-preference="name"]')).toContainText("Grace");
  await panel.getByRole("button", { name: "Edit name" }).click();
  await value.fill("Grace Hopper");
  await value.press("Enter");
  await expect(preferences.locator('[data-preference="name"]')).toContainText("Grace Hopper");

  await panel.getByRole("button", { name: "Delete topic" }).click();
  await page.getByRole("dialog", { name: "Forget “topic”?" }).getByRole("button", { name: "Forget" }).click();
  await expect(preferences.locator('[data-preference="topic"]')).toHaveCount(0);

  await page.reload();
  await page.getByRole("button", { name: "Memory" }).click();
  await expect(page.locator('[data-preference="name"]')).toContainText("Grace Hopper");
  await expect(page.locator('[data-preference="topic"]')).toHaveCount(0);
  const [row] = await query<{ prefs: Record<string, string> }>(
    "app",
    `SELECT "memoryBuffer"->'user_preferences' AS prefs FROM "Conversation" WHERE id = $1`,
    [id],
  );
  expect(row.prefs).toEqual({ name: "Grace Hopper" });

  await page.getByRole("button", { name: "Clear all memory" }).click();
  await page.getByRole("dialog", { name: "Clear memory?" }).getByRole("button", { name: "Clear" }).click();
  await expect(page.getByTestId("memory-counts")).toContainText("0 messages in the live window");
  await expect(page.getByText("None yet.")).toBeVisible();
});

test("what the assistant sees: exactly what the model would receive for the draft, part by part", async ({ page }) => {
  await page.goto("/");
  await send(page, "Hi, my name is Ada.");
  await page.getByRole("textbox", { name: "Message" }).fill("What is my name?");
  await page.getByRole("button", { name: "Memory" }).click();
  const panel = page.getByRole("complementary", { name: "Memory panel" });
  await panel.getByRole("button", { name: "Show" }).click();
  // A wide dialog, each section collapsible, tokens on each.
  const sees = page.getByRole("dialog", { name: "What the assistant sees" });
  expect((await sees.boundingBox())!.width).toBeGreaterThanOrEqual(720);
  const parts = sees.getByRole("list", { name: "What the assistant sees" }).getByRole("listitem");
  await expect(parts.first()).toHaveAttribute("data-section", "instructions");
  await expect(parts.last()).toHaveAttribute("data-section", "message");
  await expect(parts.last()).toContainText("What is my name?");
  await expect(sees.locator('[data-section="profile"]')).toContainText("name: Ada");
  await expect(sees.locator('[data-section="profile"]')).toContainText(/About you · system · \d+ tokens/);
  await expect(sees.locator('[data-section="window"]').first()).toContainText("Hi, my name is Ada.");
  await expect(sees.getByTestId("context-total")).toContainText("For your draft");
  await sees.locator('[data-section="profile"] summary').click();
  await expect(sees.locator('[data-section="profile"]').getByText("name: Ada").first()).toBeHidden();
});
