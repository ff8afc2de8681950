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

test("a tab too far behind for its events stream shows the latest page, with no gap, and loads older ones in order", async ({ page }) => {
  const id = randomUUID();
  const seed = (from: number, to: number) =>
    query(
      "app",
      `WITH added AS (
         INSERT INTO "Message" ("conversationId", seq, role, content)
         SELECT $1, n, CASE WHEN n % 2 = 1 THEN 'user'::"MessageRole" ELSE 'assistant'::"MessageRole" END, 'Seeded message number ' || n
         FROM generate_series($2::int, $3::int) n RETURNING seq
       )
       UPDATE "Conversation" SET "lastSeq" = (SELECT max(seq) FROM added) WHERE id = $1`,
      [id, from, to],
    );
  await query("app", `INSERT INTO "Conversation" (id, title) VALUES ($1, 'Far behind')`, [id]);
  await seed(1, 4);
  // While the tab opens, another device adds 296 messages (an import): more than a stream's first burst holds.
  let added = false;
  await page.route(/\/api\/conversations\/[^/]+\/events/, async (route) => {
    if (!added) {
      added = true;
      await seed(5, 300);
    }
    await route.continue();
  });
  await openFromLink(page, `/c/${id}`);
  await expect(page.getByText("Seeded message number 300", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(messages(page)).toHaveCount(50);
  await expect(page.getByText("Seeded message number 4", { exact: true })).toHaveCount(0);

  const scroller = page.getByTestId("message-scroller");
  await scroller.evaluate((element) => (element.scrollTop = 0));
  await expect(page.getByText("Seeded message number 201", { exact: true })).toBeAttached();
  const numbers = (await messages(page).allInnerTexts()).map((text) => Number(/Seeded message number (\d+)/.exec(text)?.[1]));
  expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => 301 - numbers.length + i));
});
