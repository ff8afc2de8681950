import { activeId, expect, messages, send, test } from "./fixtures";

test("a link to a conversation this browser never opened asks first, and Start a new chat leaves it alone", async ({ page, browser }) => {
  await page.goto("/");
  await send(page, "Only for me: my PIN is 4321");
  const id = (await activeId(page))!;

  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(`/c/${id}`);
  const dialog = stranger.getByRole("dialog", { name: "Open a conversation from a link?" });
  await expect(dialog).toContainText("Whoever sent you this link can read everything in this conversation");
  await expect(messages(stranger)).toHaveCount(0);
  await dialog.getByRole("button", { name: "Start a new chat" }).click();
  await expect(dialog).toBeHidden();
  await expect(stranger).not.toHaveURL(new RegExp(id));
  expect(await stranger.evaluate(() => localStorage.getItem("memory-chat:conversations") ?? "")).not.toContain(id);
  await stranger.goto("/");
  await expect(stranger).not.toHaveURL(new RegExp(id));

  await stranger.goto(`/c/${id}`);
  await dialog.getByRole("button", { name: "Open" }).click();
  await expect(messages(stranger).first()).toContainText("my PIN is 4321");
  await stranger.goto("/");
  await expect(stranger).toHaveURL(new RegExp(id));
  // Opened once, asked no more.
  await expect(messages(stranger).first()).toContainText("my PIN is 4321");
  await expect(dialog).toBeHidden();
  await stranger.context().close();
});

test("Share gives a read-only link: the conversation as it was, nothing to write with, and it can be revoked", async ({
  page,
  browser,
}) => {
  await page.goto("/");
  await send(page, "We are planning the Lisbon trip");
  const id = (await activeId(page))!;

  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share a read-only link" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByRole("textbox", { name: "Read-only link" }).inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{32}$/);
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await send(page, "A later, private message");

  const reader = await (await browser.newContext()).newPage();
  const response = await reader.goto(url);
  expect(await response!.text()).not.toContain(id);
  await expect(reader.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(reader.getByRole("link", { name: "Memory Chat" })).toHaveAttribute("href", "/");
  await expect(reader.getByRole("link", { name: "Start your own chat" })).toHaveAttribute("href", "/");
  await expect(messages(reader)).toHaveCount(2);
  await expect(messages(reader).first()).toContainText("We are planning the Lisbon trip");
  await expect(reader.getByText("A later, private message")).toHaveCount(0);
  for (const control of ["Send", "Memory", "Delete", "Share", "New chat"]) {
    await expect(reader.getByRole("button", { name: control })).toHaveCount(0);
  }
  await expect(reader.getByRole("textbox", { name: "Message" })).toHaveCount(0);

  await page.getByRole("button", { name: "Share" }).click();
  await dialog.getByRole("button", { name: "Revoke link" }).click();
  await expect(dialog.getByRole("button", { name: "Create link" })).toBeVisible();
  await reader.reload();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("This shared link does not work");
  await expect(reader.getByRole("alert").filter({ hasText: "revoked" })).toHaveText("It was revoked, or the conversation was deleted.");
  await expect(reader.getByRole("link", { name: "Start a new chat" })).toHaveAttribute("href", "/");
  await expect(messages(reader)).toHaveCount(0);
  await reader.context().close();
});
