import { activeId, expect, messages, query, rowAction, send, test } from "./fixtures";

test("two tabs on one conversation both send, and after a reload both see every message", async ({ page, context }) => {
  await page.goto("/");
  await send(page, "opening message");
  const id = await activeId(page);
  const other = await context.newPage();
  await other.goto(`/c/${id}`);
  await expect(messages(other)).toHaveCount(2);

  await Promise.all([send(page, "from tab one"), send(other, "from tab two")]);
  const rows = await query<{ role: string; content: string }>(
    "app",
    `SELECT role, content FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`,
    [id],
  );
  expect(rows).toHaveLength(6);
  expect(
    rows
      .filter((r) => r.role === "user")
      .map((r) => r.content)
      .sort(),
  ).toEqual(["from tab one", "from tab two", "opening message"]);

  for (const tab of [page, other]) {
    await tab.reload();
    await expect(messages(tab)).toHaveCount(6);
    await expect(tab.getByText("from tab one", { exact: true })).toBeVisible();
    await expect(tab.getByText("from tab two", { exact: true })).toBeVisible();
  }
});

test("a conversation deleted in one tab is not started again by the other tab's next message", async ({ page, context }) => {
  await page.goto("/");
  await send(page, "soon to be deleted");
  const id = await activeId(page);
  const other = await context.newPage();
  await other.goto(`/c/${id}`);
  await expect(messages(other)).toHaveCount(2);

  await rowAction(page, "soon to be deleted", "Delete");
  await page.getByRole("dialog", { name: "Delete this conversation?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page).not.toHaveURL(new RegExp(id!));

  await other.getByRole("textbox", { name: "Message" }).fill("Are you still there?");
  await other.getByRole("textbox", { name: "Message" }).press("Enter");
  const alert = other.getByRole("alert").filter({ hasText: "was deleted" });
  await expect(alert).toHaveText("This conversation was deleted, here or on another device. Start a new chat.");
  await expect(alert.getByRole("button", { name: /Retry/ })).toHaveCount(0);
  expect(await query("app", `SELECT 1 FROM "Conversation" WHERE id = $1`, [id])).toEqual([]);
  expect(await query("app", `SELECT 1 FROM "Message" WHERE "conversationId" = $1`, [id])).toEqual([]);
  expect(await other.evaluate(() => localStorage.getItem("memory-chat:conversations") ?? "")).not.toContain(id);
});
