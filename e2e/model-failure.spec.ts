import { STUB_APP_URL } from "../playwright.config";
import { activeId, expect, messages, query, test } from "./fixtures";

test.use({ baseURL: STUB_APP_URL });

test("a model failure shows an error with Retry, keeps the user message, and the retry succeeds", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("note")).toHaveCount(0); // a real (stubbed) model: no offline notice
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill("Please answer [[stub:500-once]]");
  await box.press("Enter");

  const alert = page.getByRole("main").getByRole("alert");
  // It names where the model was asked (the stub, on this machine), so a wrong OPENAI_BASE_URL shows itself.
  await expect(alert).toContainText(/The model at 127\.0\.0\.1:\d+ could not be reached or failed/);
  await expect(messages(page).first()).toContainText("Please answer");
  const id = await activeId(page);
  expect(await query("stub", `SELECT role, status FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`, [id])).toEqual([
    { role: "user", status: "complete" },
    { role: "assistant", status: "failed" },
  ]);

  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(alert).toBeHidden();
  await expect(messages(page)).toHaveCount(2);
  await expect(messages(page).last()).toContainText("Stub reply");
  await expect(async () => {
    expect(await query("stub", `SELECT role, status FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`, [id])).toEqual([
      { role: "user", status: "complete" },
      { role: "assistant", status: "failed" },
      { role: "assistant", status: "complete" },
    ]);
  }).toPass();
});

test("a real model's Markdown reply renders with highlighted code and no raw HTML", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill("Show this:\n\n```js\nconst answer = 42; // the answer\n```\n\n<b>not bold</b>");
  await box.press("Enter");
  const reply = messages(page).nth(1);
  await expect(reply.locator("pre code")).toContainText("const answer = 42;");
  await expect(reply.locator("pre code .hljs-keyword").first()).toHaveText("const");
  await expect(reply.locator("b")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
});
