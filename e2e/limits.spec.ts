import { randomUUID } from "node:crypto";
import { activeId, expect, messages, send, test } from "./fixtures";

test("over a limit, the turn is refused with when to try again, and Retry works once that time has passed", async ({
  page,
  consoleErrors,
}) => {
  await page.goto("/");
  await send(page, "Hello there");
  const id = await activeId(page);

  // The conversation's turns for this minute (12 by default), used up by another client of the same app.
  for (let turn = 0; turn < 11; turn++) {
    const response = await page.request.post("/api/chat", {
      data: { id, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: `Filler ${turn}` }] } },
    });
    expect(response.status()).toBe(200);
  }

  await page.getByRole("textbox", { name: "Message" }).fill("Are you still there?");
  await page.getByRole("textbox", { name: "Message" }).press("Enter");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(/This conversation is receiving messages too quickly\. Try again in \d+ seconds?\./);
  const retry = alert.getByRole("button", { name: /^Retry in \d+ s$/ });
  await expect(retry).toBeDisabled();
  // The browser reports the 429 in its console; that is the refusal under test, not a fault.
  expect(consoleErrors.every((text) => text.includes("429"))).toBe(true);
  consoleErrors.length = 0;

  await expect(alert.getByRole("button", { name: "Retry" })).toBeEnabled({ timeout: 15_000 });
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(alert).toBeHidden();
  await expect(messages(page).last()).toContainText("Offline model", { timeout: 15_000 });
});
