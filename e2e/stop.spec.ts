import { activeId, expect, messages, query, test } from "./fixtures";

type StoredReply = { status: string; content: string; generator: string | null };

test("Stop mid-stream keeps the partial answer, also after a reload", async ({ page }) => {
  await page.goto("/");
  // A busy machine can finish the offline model's short reply before the click reaches the server:
  // then the same is tried in a new chat, up to three times, until a reply is caught mid-stream.
  let id: string | null = null;
  let stored: StoredReply[] = [];
  for (let attempt = 0; attempt < 3 && stored[0]?.status !== "stopped"; attempt++) {
    if (attempt > 0) await page.getByRole("button", { name: "New chat", exact: true }).first().click();
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill(`Please answer at length. ${"This sentence makes the reply long. ".repeat(10)}`);
    await box.press("Enter");
    await expect(messages(page).nth(1)).toContainText("Offline model");
    // Gone already when the reply ended first: the database says which it was.
    await page
      .getByRole("button", { name: "Stop" })
      .click({ timeout: 3_000 })
      .catch(() => undefined);
    await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
    id = await activeId(page);
    // Stop marks the reply at once; the generating run then writes its final text and clears "generator".
    await expect(async () => {
      stored = await query("app", `SELECT status, content, generator FROM "Message" WHERE "conversationId" = $1 AND role = 'assistant'`, [
        id,
      ]);
      expect(stored[0]).toMatchObject({ generator: null });
      expect(stored[0].status).toMatch(/^(stopped|complete)$/);
    }).toPass();
  }
  expect(stored[0]).toMatchObject({ status: "stopped", generator: null });
  expect(stored[0].content.length).toBeGreaterThan(0);
  expect(stored[0].content).not.toContain("OPENAI_API_KEY");

  await page.reload();
  await expect(messages(page)).toHaveCount(2);
  await expect(messages(page).nth(1)).toContainText("Offline model");
  await expect(messages(page).nth(1).locator('[data-status="stopped"]')).toHaveText("Stopped before the end.");
  // The line offers to write it again: a new version of the reply, which ends this time.
  await messages(page).nth(1).getByRole("button", { name: "Retry" }).click();
  await expect(messages(page).nth(1).getByTestId("version-position")).toHaveText("2 / 2");
  await expect(messages(page).nth(1).locator("[data-status]")).toHaveCount(0, { timeout: 20_000 });
});

test("Stop stops this tab's reply, not another device's reply in the same conversation", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(`Please answer at length. ${"This sentence makes the reply long. ".repeat(10)}`);
  await box.press("Enter");
  await expect(messages(page).nth(1)).toContainText("Offline model");
  const id = await activeId(page);
  const replies = () =>
    query<{ status: string }>("app", `SELECT status FROM "Message" WHERE "conversationId" = $1 AND role = 'assistant' ORDER BY seq`, [id]);

  // Another device sends a message here while this tab's reply is still being written.
  const elsewhere = page.request.post("/api/chat", {
    data: {
      id,
      message: {
        id: crypto.randomUUID(),
        role: "user",
        parts: [{ type: "text", text: `From my phone. ${"Keep going for a while. ".repeat(10)}` }],
      },
    },
  });
  await expect(async () => expect((await replies()).map((reply) => reply.status)).toEqual(["streaming", "streaming"])).toPass();
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();

  expect((await elsewhere).status()).toBe(200);
  await expect(async () => expect((await replies()).map((reply) => reply.status)).toEqual(["stopped", "complete"])).toPass();
});
