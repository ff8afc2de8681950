import { randomBytes, randomUUID } from "node:crypto";
import { expect, messages, openFromLink, query, send, test } from "./fixtures";

/** A conversation of `pairs` question-and-reply pairs, each reply `reply` (SQL text expression of n). */
async function seed(title: string, pairs: number, reply: string): Promise<string> {
  const id = randomUUID();
  await query("app", `INSERT INTO "Conversation" (id, title, "lastSeq") VALUES ($1, $2, $3)`, [id, title, pairs * 2]);
  await query(
    "app",
    `INSERT INTO "Message" ("conversationId", seq, role, content)
     SELECT $1, n, CASE WHEN n % 2 = 1 THEN 'user'::"MessageRole" ELSE 'assistant'::"MessageRole" END,
       CASE WHEN n % 2 = 1 THEN 'Question ' || n ELSE ${reply} END
     FROM generate_series(1, $2::int) n`,
    [id, pairs * 2],
  );
  return id;
}

test("a reply of 2,000 '>' (what bricked the page) shows as text, and the conversation opens, reloads and sends", async ({ page }) => {
  const id = await seed("Deep quotes", 3, `'Reply ' || n || E'\\n' || repeat('>', 2000)`);
  await openFromLink(page, `/c/${id}`);
  await expect(page.getByText("Question 5", { exact: true })).toBeVisible();
  await expect(messages(page)).toHaveCount(6);
  await expect(messages(page).last()).toContainText(">".repeat(200));
  await page.reload();
  await expect(messages(page)).toHaveCount(6);
  await page.goto("/");
  await expect(page).toHaveURL(`/c/${id}`);
  await send(page, "Still here?");
  await expect(messages(page)).toHaveCount(8);
});

test("a conversation of 5 MB of code blocks opens at its latest page, scrolls to older ones and sends; its shared page is paged", async ({
  page,
}) => {
  const block = `E'\`\`\`\\n' || repeat(E'const x = 1; // hello\\n', 4490) || '\`\`\`'`;
  const id = await seed("Heavy code", 50, `'Reply ' || n || E'\\n' || ${block}`);
  await openFromLink(page, `/c/${id}`);
  // Longer than Markdown is parsed for: each reply shows as its plain text.
  await expect(messages(page).last()).toContainText("Reply 100");
  const firstPage = await messages(page).count();
  expect(firstPage).toBeLessThan(10);
  const scroller = page.getByTestId("message-scroller");
  await expect(async () => {
    await scroller.evaluate((element) => (element.scrollTop = 0));
    expect(await messages(page).count()).toBeGreaterThan(firstPage + 2);
  }).toPass({ timeout: 20_000 });
  await send(page, "Thanks for all that code");
  await expect(messages(page).nth(-2)).toContainText("Thanks for all that code");
  await expect(messages(page).last()).toContainText("Offline model");

  const token = randomBytes(24).toString("base64url");
  await query("app", `INSERT INTO "ShareLink" (token, "conversationId", "throughSeq") VALUES ($1, $2, 100)`, [token, id]);
  const response = await page.goto(`/s/${token}`);
  // The server sends the latest page only: a few of the 99,000-character replies, not 5 MB.
  expect((await response?.body())?.length ?? 0).toBeLessThan(2_000_000);
  await expect(messages(page).last()).toContainText("Reply 100");
  const sharedFirst = await messages(page).count();
  expect(sharedFirst).toBeLessThan(10);
  await expect(async () => {
    await page.getByTestId("message-scroller").evaluate((element) => (element.scrollTop = 0));
    expect(await messages(page).count()).toBeGreaterThan(sharedFirst);
  }).toPass({ timeout: 20_000 });
});
