import type { Page } from "@playwright/test";
import { activeId, expect, messages, query, send, test } from "./fixtures";

/** Runs `action`, which sends a turn, and waits until that turn's reply has been streamed and stored. */
async function turn(page: Page, action: () => Promise<void>): Promise<void> {
  const response = page.waitForResponse((r) => r.url().endsWith("/api/chat") && r.request().method() === "POST");
  await action();
  await (await response).finished();
  await expect(page.getByRole("button", { name: "Stop" })).toBeHidden({ timeout: 30_000 });
}

async function topic(id: string | null): Promise<string | undefined> {
  const [row] = await query<{ topic: string }>(
    "app",
    `SELECT "memoryBuffer"->'user_preferences'->>'topic' AS topic FROM "Conversation" WHERE id = $1`,
    [id],
  );
  return row?.topic;
}

test("edit, previous and next version, regenerate: the branch and its memory follow, across a reload and another tab", async ({
  page,
  context,
}) => {
  await page.goto("/");
  await send(page, "My name is Ada.");
  await send(page, "Let's talk about pricing.");
  const id = await activeId(page);
  const other = await context.newPage();
  await other.goto(`/c/${id}`);
  await expect(messages(other)).toHaveCount(4);

  await messages(page).nth(2).getByRole("button", { name: "Edit" }).click();
  const editor = page.getByRole("textbox", { name: "Edit message" });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue("Let's talk about pricing.");
  await editor.fill("Let's talk about gardening.");
  await turn(page, () => page.getByRole("button", { name: "Send edited message" }).click());
  await expect(messages(page)).toHaveCount(4);
  await expect(messages(page).nth(2)).toHaveText(/gardening/);
  await expect(messages(page).nth(3)).toContainText("Offline model");
  await expect(messages(page).nth(2).getByTestId("version-position")).toHaveText("2 / 2");
  expect(await topic(id)).toBe("gardening");
  // The other tab shows the new branch too, without a reload.
  await expect(messages(other).nth(2)).toHaveText(/gardening/);
  await expect(messages(other)).toHaveCount(4);

  await messages(page).nth(2).getByRole("button", { name: "Previous version" }).click();
  await expect(messages(page).nth(2)).toHaveText(/pricing/);
  await expect(messages(page).nth(2).getByTestId("version-position")).toHaveText("1 / 2");
  await expect(messages(page).nth(2).getByRole("button", { name: "Previous version" })).toBeDisabled();
  expect(await topic(id)).toBe("pricing");
  await expect(messages(other).nth(2)).toHaveText(/pricing/);

  // A reload, and another device, show the branch chosen last; the conversation goes on from it.
  await page.reload();
  await expect(messages(page).nth(2)).toHaveText(/pricing/);
  await send(page, "How many seats do we need?");
  await expect(messages(page)).toHaveCount(6);
  await messages(page).nth(2).getByRole("button", { name: "Next version" }).click();
  await expect(messages(page)).toHaveCount(4);
  await expect(messages(page).nth(2)).toHaveText(/gardening/);
  expect(await topic(id)).toBe("gardening");

  // Regenerate the last reply: a sibling, "2 / 2", and the old one a click away.
  await turn(page, () => messages(page).nth(3).getByRole("button", { name: "Regenerate" }).click());
  await expect(messages(page).nth(3).getByTestId("version-position")).toHaveText("2 / 2");
  // The offline model words a regenerated reply differently.
  const regenerated = await messages(page).nth(3).locator(".markdown").innerText();
  await messages(page).nth(3).getByRole("button", { name: "Previous version" }).click();
  await expect(messages(page).nth(3).getByTestId("version-position")).toHaveText("1 / 2");
  expect(await messages(page).nth(3).locator(".markdown").innerText()).not.toBe(regenerated);
  const stored = await query<{ n: number }>("app", `SELECT count(*)::int AS n FROM "Message" WHERE "conversationId" = $1`, [id]);
  expect(stored[0].n).toBe(9);

  // Up arrow in the empty message box edits the last message; Esc leaves it as it was.
  await page.getByRole("textbox", { name: "Message" }).press("ArrowUp");
  await expect(page.getByRole("textbox", { name: "Edit message" })).toHaveValue("Let's talk about gardening.");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("textbox", { name: "Edit message" })).toBeHidden();
  await expect(messages(page)).toHaveCount(4);
});
