import { activeId, expect, messages, query, test } from "./fixtures";

test("Stop mid-stream keeps the partial answer, also after a reload", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(`Please answer at length. ${"This sentence makes the reply long. ".repeat(10)}`);
  await box.press("Enter");
  const reply = messages(page).nth(1);
  await expect(reply).toContainText("Offline model");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  const id = await activeId(page);

  // Stop marks the reply at once; the generating run then writes its final text and clears "generator".
  let stored: { status: string; content: string; generator: string | null }[] = [];
  await expect(async () => {
    stored = await query("app", `SELECT status, content, generator FROM "Message" WHERE "conversationId" = $1 AND role = 'assistant'`, [
      id,
    ]);
    expect(stored[0]).toMatchObject({ status: "stopped", generator: null });
  }).toPass();
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
