import { activeId, expect, messages, query, send, test } from "./fixtures";

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
