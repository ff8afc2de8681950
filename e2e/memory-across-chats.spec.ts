import { expect, messages, query, send, test } from "./fixtures";

test("a name told in one chat is known in a new one, shown with where it came from, edited on the Memory page, and off when switched off", async ({
  page,
}) => {
  await page.goto("/");
  await send(page, "Hi, I'm Dana, I work at Acme Robotics and prefer short answers with code.");
  const memoryId = await page.evaluate(() => localStorage.getItem("memory-chat:memory"));
  expect(memoryId).toMatch(/^[0-9a-f-]{36}$/);
  const [first] = await query<{ id: string; memoryId: string }>(
    "app",
    `SELECT "id", "memoryId" FROM "Conversation" WHERE "memoryId" = $1`,
    [memoryId],
  );
  expect(first).toBeTruthy();

  // A new chat knows.
  await page.getByRole("button", { name: "New chat" }).first().click();
  await send(page, "What do you know about me?");
  await expect(messages(page).nth(1)).toContainText("Dana");
  await expect(messages(page).nth(1)).toContainText("Acme Robotics");

  // What the assistant sees: the name, with the chat it came from, linked.
  await page.getByRole("textbox", { name: "Message" }).fill("What is my name?");
  await page.getByRole("button", { name: "Memory" }).click();
  await page.getByRole("complementary", { name: "Memory panel" }).getByRole("button", { name: "Show" }).click();
  const sees = page.getByRole("dialog", { name: "What the assistant sees" });
  const profile = sees.locator('[data-section="profile"]');
  await expect(profile).toContainText(/name: Dana — said \d{4}-\d{2}-\d{2}/);
  const source = profile.getByRole("list", { name: "Where each item comes from" }).getByRole("link").first();
  await expect(source).toHaveAttribute("href", new RegExp(`^/c/${first.id}#m-1$`));
  await page.keyboard.press("Escape");

  // The Memory page: edit the name; every chat has it from the next turn.
  await page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "Memory" }).click();
  await expect(page.getByRole("heading", { name: "Saved memories" })).toBeVisible();
  const about = page.getByRole("list", { name: "About you" });
  await expect(about.locator('[data-saved="preference:name"]')).toContainText("Dana");
  await expect(about.locator('[data-saved="preference:work"]')).toContainText("Acme Robotics");
  await about.getByRole("button", { name: "Edit name" }).click();
  await page.getByRole("textbox", { name: "Value of name" }).fill("Dana Scully");
  await page.getByRole("textbox", { name: "Value of name" }).press("Enter");
  await expect(about.locator('[data-saved="preference:name"]')).toContainText("Dana Scully");
  await expect(about.locator('[data-saved="preference:name"]')).toContainText("Set by you on the Memory page");
  await page.getByRole("textbox", { name: "A fact about you" }).fill("Has a cat called Miso");
  await page.getByRole("button", { name: "Add fact" }).click();
  await expect(page.getByRole("list", { name: "Facts" })).toContainText("Has a cat called Miso");

  await page.getByRole("link", { name: "Back to chats" }).click();
  await send(page, "What is my name?");
  await expect(messages(page).last()).toContainText("Dana Scully");

  // Switched off: a new chat knows nothing of the others, and what is said there is not saved.
  await page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "Memory" }).click();
  const across = page.getByRole("switch", { name: "Memory across chats" });
  await expect(across).toBeChecked();
  await across.click();
  await expect(across).not.toBeChecked();
  await page.getByRole("link", { name: "Back to chats" }).click();
  await page.getByRole("button", { name: "New chat" }).first().click();
  await send(page, "My name is Fox. What do you know about me?");
  await expect(messages(page).nth(1)).not.toContainText("Scully");
  await page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "Memory" }).click();
  await expect(page.getByRole("list", { name: "About you" }).locator('[data-saved="preference:name"]')).toContainText("Dana Scully");
  await page.getByRole("switch", { name: "Memory across chats" }).click();

  // Forget everywhere.
  await page.getByRole("button", { name: "Forget everywhere" }).click();
  await page.getByRole("dialog", { name: "Forget everything saved?" }).getByRole("button", { name: "Forget everywhere" }).click();
  await expect(page.getByText("Nothing saved yet.")).toBeVisible();
});

test("recall from other chats: a message of one chat answers a question in a new one, linked to its chat, and off when switched off", async ({
  page,
}) => {
  await page.goto("/");
  await send(page, "The spare key to the cabin hangs behind the blue flowerpot on the porch.");
  const [cabin] = await query<{ id: string }>("app", `SELECT "id" FROM "Conversation" WHERE "memoryId" = $1`, [
    await page.evaluate(() => localStorage.getItem("memory-chat:memory")),
  ]);

  await page.getByRole("button", { name: "New chat" }).first().click();
  await send(page, "Where is the spare key to the cabin?");
  await expect(messages(page).nth(1)).toContainText("in another chat");
  await expect(messages(page).nth(1)).toContainText("blue flowerpot");

  // What the assistant sees: the line under its date, the chat named by number; the title, linked, is for the user.
  await page.getByRole("textbox", { name: "Message" }).fill("Where is the spare key to the cabin?");
  await page.getByRole("button", { name: "Memory" }).click();
  await page.getByRole("complementary", { name: "Memory panel" }).getByRole("button", { name: "Show" }).click();
  const elsewhere = page.getByRole("dialog", { name: "What the assistant sees" }).locator('[data-section="elsewhere"]');
  await expect(elsewhere).toContainText("Recalled from your other chats");
  await expect(elsewhere).toContainText("(chat 1) user: The spare key to the cabin hangs behind the blue flowerpot");
  await expect(elsewhere.getByRole("list", { name: "Recalled messages" }).getByRole("link").first()).toHaveAttribute(
    "href",
    `/c/${cabin.id}#m-1`,
  );
  await page.keyboard.press("Escape");

  // Reference other chats off: the question finds nothing elsewhere.
  await page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "Memory" }).click();
  const reference = page.getByRole("switch", { name: "Reference other chats" });
  await expect(reference).toBeChecked();
  await reference.click();
  await expect(reference).not.toBeChecked();
  await page.getByRole("link", { name: "Back to chats" }).click();
  await page.getByRole("button", { name: "New chat" }).first().click();
  await send(page, "Where is the spare key to the cabin?");
  await expect(messages(page).nth(1)).toContainText("Offline model");
  await expect(messages(page).nth(1)).not.toContainText("flowerpot");
});

test("a temporary chat knows nothing of the others, stays out of the list and of memory, and can be kept", async ({ page }) => {
  await page.goto("/");
  await send(page, "My name is Ada.");
  await page.getByRole("button", { name: "New chat" }).first().click();
  await page.getByRole("switch", { name: "Temporary chat" }).click();
  await expect(page.getByRole("note", { name: "Temporary chat" })).toBeVisible();
  await send(page, "I work at Hooli. What do you know about me?");
  await expect(messages(page).nth(1)).not.toContainText("Ada");
  const list = page.getByRole("list", { name: "Your conversations" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  const memoryId = await page.evaluate(() => localStorage.getItem("memory-chat:memory"));
  const [temporary] = await query<{ id: string; memoryId: string | null }>(
    "app",
    `SELECT "id", "memoryId" FROM "Conversation" WHERE "expiresAt" IS NOT NULL AND "title" LIKE 'I work at Hooli%'`,
  );
  expect(temporary.memoryId).toBeNull();
  expect(memoryId).not.toBeNull();

  await page.getByRole("button", { name: "Keep this chat" }).click();
  await expect(page.getByRole("note", { name: "Temporary chat" })).toBeHidden();
  await expect(list.getByRole("listitem")).toHaveCount(2);
  const [kept] = await query<{ expiresAt: Date | null }>("app", `SELECT "expiresAt" FROM "Conversation" WHERE "id" = $1`, [temporary.id]);
  expect(kept.expiresAt).toBeNull();
});

test("Move to another device: the link, opened in another browser after it says what it grants, brings the chats and the memory", async ({
  page,
  browser,
}) => {
  await page.goto("/");
  await send(page, "My name is Ada and I live in Porto.");
  await page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "Memory" }).click();
  await page.getByRole("button", { name: "Move to another device" }).click();
  await expect(page.getByRole("img", { name: "QR code of the move link" })).toBeVisible();
  const link = await page.getByRole("textbox", { name: "Move link" }).inputValue();
  expect(link).toMatch(/\/move#move1\./);

  const other = await browser.newContext();
  const phone = await other.newPage();
  await phone.goto(link);
  const dialog = phone.getByRole("dialog", { name: "Add these chats to this browser?" });
  await expect(dialog).toContainText("1 chat and what the assistant knows about you");
  await expect(dialog).toContainText("Whoever holds it");
  await dialog.getByRole("button", { name: "Add to this browser" }).click();
  await expect(phone.getByRole("list", { name: "Your conversations" }).getByRole("listitem")).toHaveCount(1);
  await phone.getByRole("button", { name: "New chat" }).first().click();
  await send(phone, "What is my name?");
  await expect(messages(phone).nth(1)).toContainText("Ada");
  await other.close();
});
