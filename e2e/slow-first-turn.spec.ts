import pg from "pg";
import { activeId, databaseUrlOf, expect, messages, test } from "./fixtures";

test("a reload while the first turn waits on the database keeps the conversation, which then appears", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await expect.poll(() => activeId(page)).toMatch(/^[0-9a-f-]{36}$/);
  const id = await activeId(page);

  // Another transaction holds a lock on Conversation for 4 s: the first turn cannot store its messages yet.
  const databaseUrl = databaseUrlOf("app");
  const blocker = new pg.Client({ connectionString: databaseUrl });
  await blocker.connect();
  await blocker.query(`BEGIN; LOCK TABLE "Conversation" IN SHARE MODE`);
  try {
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("My first message, sent while the database is slow.");
    const sent = page.waitForRequest((request) => request.url().endsWith("/api/chat") && request.method() === "POST");
    await box.press("Enter");
    await sent;
    await page.reload();
    // The reloaded page asked for the conversation while its first turn was still waiting: not found yet.
    await expect(page.getByText("Start a conversation")).toBeVisible();
    expect(await activeId(page)).toBe(id);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
  } finally {
    await blocker.query("COMMIT");
    await blocker.end();
  }

  // The turn commits: the browser still knows the conversation, and shows it without another reload.
  await expect(messages(page)).toHaveCount(2, { timeout: 20_000 });
  await expect(messages(page).first()).toContainText("My first message");
  expect(await activeId(page)).toBe(id);
  const known = await page.evaluate(() => JSON.parse(localStorage.getItem("memory-chat:conversations") ?? "[]") as string[]);
  expect(known).toContain(id);
  await page.reload();
  await expect(messages(page)).toHaveCount(2);
  await expect(page.getByRole("list", { name: "Your conversations" }).getByRole("listitem")).toHaveCount(1);
});
