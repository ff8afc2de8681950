import { activeId, expect, messages, openFromLink, query, send, test } from "./fixtures";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("a reload resumes the same conversation from the database", async ({ page }) => {
  await page.goto("/");
  await send(page, "Hello from the resume test");
  await expect(messages(page)).toHaveCount(2);
  const id = await activeId(page);
  expect(id).toMatch(UUID);

  await page.reload();
  await expect(messages(page)).toHaveCount(2);
  await expect(messages(page).first()).toContainText("Hello from the resume test");
  await expect(messages(page).last()).toContainText("Offline model");
  expect(await activeId(page)).toBe(id);
  const rows = await query("app", `SELECT role, status FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`, [id]);
  expect(rows).toEqual([
    { role: "user", status: "complete" },
    { role: "assistant", status: "complete" },
  ]);
});

test("localStorage holds conversation ids only", async ({ page }) => {
  await page.goto("/");
  await send(page, "first conversation");
  await page.getByRole("button", { name: "New chat" }).click();
  await send(page, "second conversation");
  await page.getByRole("button", { name: "New chat" }).click();
  await send(page, "third conversation");
  await expect(page.getByRole("list", { name: "Your conversations" }).getByRole("listitem")).toHaveCount(3);

  const stored = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  expect(Object.keys(stored).length).toBeGreaterThan(0);
  for (const value of Object.values(stored)) {
    const parsed: unknown = value.startsWith("[") ? JSON.parse(value) : value;
    const ids = Array.isArray(parsed) ? parsed : [parsed];
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(UUID);
  }
  expect(JSON.parse(stored["memory-chat:conversations"])).toHaveLength(3);
});

for (const [name, stored] of [
  ["a garbage id", "not-a-conversation"],
  ["an over-long id", "a".repeat(10_000)],
] as const) {
  test(`${name} in localStorage leads quietly to a fresh chat`, async ({ page }) => {
    await page.goto("/");
    await page.evaluate((value) => localStorage.setItem("memory-chat:active", value), stored);
    // "/" resumes the active conversation; /c/<id> would name one itself.
    await page.goto("/");
    await expect(page.getByText("Start a conversation")).toBeVisible();
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
    expect(await activeId(page)).toMatch(UUID);
  });
}

test("an id with nothing stored (yet) stays: it is simply an empty conversation", async ({ page }) => {
  await page.goto("/");
  await send(page, "stored, then removed behind the app's back");
  const id = await activeId(page);
  await query("app", `DELETE FROM "Conversation" WHERE id = $1`, [id]);
  await page.reload();
  await expect(page.getByText("Start a conversation")).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  expect(await activeId(page)).toBe(id);
  await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
  const known = await page.evaluate(() => localStorage.getItem("memory-chat:conversations"));
  expect(JSON.parse(known ?? "[]")).toContain(id);
});

test("another device opens /c/<id> and sees the whole conversation", async ({ page, browser }) => {
  await page.goto("/");
  await send(page, "written on the first device");
  await send(page, "and a second message");
  const id = await activeId(page);

  const other = await browser.newContext();
  const second = await other.newPage();
  await openFromLink(second, `/c/${id}`);
  await expect(messages(second)).toHaveCount(4);
  await expect(messages(second).first()).toContainText("written on the first device");
  expect(await activeId(second)).toBe(id);
  await other.close();
});
