import { activeId, expect, messages, query, rowAction, send, test } from "./fixtures";

test("new chat, switching back through the sidebar, rename and delete", async ({ page }) => {
  await page.goto("/");
  await send(page, "Conversation A about gardens");
  const first = await activeId(page);
  await page.getByRole("button", { name: "New chat" }).click();
  await expect(page.getByText("Start a conversation")).toBeVisible();
  await send(page, "Conversation B about boats");
  const second = await activeId(page);
  expect(second).not.toBe(first);

  const list = page.getByRole("list", { name: "Your conversations" });
  await list.getByRole("button", { name: "Conversation A about gardens", exact: true }).click();
  await expect(messages(page).first()).toContainText("Conversation A about gardens");
  expect(await activeId(page)).toBe(first);
  await expect(page).toHaveURL(new RegExp(`/c/${first}$`));

  await rowAction(page, "Conversation A about gardens", "Rename");
  const title = page.getByRole("textbox", { name: "Conversation title" });
  await title.fill("Garden plans");
  await title.press("Enter");
  await expect(list.getByRole("button", { name: "Garden plans", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Garden plans");
  expect(await query("app", `SELECT title FROM "Conversation" WHERE id = $1`, [first])).toEqual([{ title: "Garden plans" }]);
  // Clicking elsewhere keeps the new title; Escape cancels.
  await rowAction(page, "Garden plans", "Rename");
  await title.fill("Garden plans for spring");
  await page.getByRole("textbox", { name: "Message" }).click();
  await expect(list.getByRole("button", { name: "Garden plans for spring", exact: true })).toBeVisible();
  await rowAction(page, "Garden plans for spring", "Rename");
  await title.fill("Not this");
  await title.press("Escape");
  await expect(list.getByRole("button", { name: "Garden plans for spring", exact: true })).toBeVisible();

  await rowAction(page, "Conversation B about boats", "Delete");
  const dialog = page.getByRole("dialog", { name: "Delete this conversation?" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(list.getByRole("button", { name: "Conversation B about boats", exact: true })).toBeVisible();
  // A dialog opened from the ⋯ menu gives focus back to that ⋯ button, with the keyboard too.
  const more = page.getByRole("navigation", { name: "Conversations" }).getByRole("button", { name: "More for Conversation B about boats" });
  await expect(more).toBeFocused();
  await page.keyboard.press("Enter");
  await page.getByRole("menuitem", { name: "Share" }).press("Enter");
  await expect(page.getByRole("dialog", { name: /Share/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(more).toBeFocused();
  await rowAction(page, "Conversation B about boats", "Delete");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(list.getByRole("button", { name: "Conversation B about boats", exact: true })).toBeHidden();
  expect(await query("app", `SELECT count(*)::int AS n FROM "Conversation" WHERE id = $1`, [second])).toEqual([{ n: 0 }]);
  expect(await query("app", `SELECT count(*)::int AS n FROM "Message" WHERE "conversationId" = $1`, [second])).toEqual([{ n: 0 }]);
});
