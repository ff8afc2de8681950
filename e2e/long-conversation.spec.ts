import { randomUUID } from "node:crypto";
import { expect, messages, openFromLink, query, test } from "./fixtures";

test("a conversation of 2,000 messages opens at its latest messages and loads older ones on scroll", async ({ page }) => {
  const id = randomUUID();
  await query("app", `INSERT INTO "Conversation" (id, title, "lastSeq") VALUES ($1, 'Long conversation', 2000)`, [id]);
  await query(
    "app",
    `INSERT INTO "Message" ("conversationId", seq, role, content)
     SELECT $1, n, CASE WHEN n % 2 = 1 THEN 'user'::"MessageRole" ELSE 'assistant'::"MessageRole" END, 'Seeded message number ' || n
     FROM generate_series(1, 2000) n`,
    [id],
  );

  const started = Date.now();
  await openFromLink(page, `/c/${id}`);
  await expect(page.getByText("Seeded message number 2000", { exact: true })).toBeVisible();
  const openedIn = Date.now() - started;
  expect(openedIn).toBeLessThan(10_000);
  const firstPage = await messages(page).count();
  expect(firstPage).toBe(50);
  await expect(page.getByText("Seeded message number 1950", { exact: true })).toHaveCount(0);

  const scroller = page.getByTestId("message-scroller");
  await scroller.evaluate((element) => (element.scrollTop = 0));
  await expect(page.getByText("Seeded message number 1950", { exact: true })).toBeAttached();
  expect(await messages(page).count()).toBeGreaterThan(firstPage);
  test.info().annotations.push({ type: "opened-in-ms", description: String(openedIn) });
});
