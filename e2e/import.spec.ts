import { expect, messages, send, test } from "./fixtures";

// A 600-message transcript whose first message holds a fact nothing later repeats.
function transcript() {
  const start = Date.parse("2024-02-01T09:00:00Z");
  const topics = ["the garden", "a new laptop", "weekend plans", "soup recipes", "learning Spanish", "running shoes"];
  return {
    title: "Imported history",
    messages: Array.from({ length: 600 }, (_, i) => ({
      role: i % 2 === 0 ? "user" : "assistant",
      content:
        i === 0
          ? "My grandmother's farm is in Alentejo, near the town of Mértola."
          : `Message ${i}: a few thoughts about ${topics[i % topics.length]}, nothing more.`,
      createdAt: new Date(start + i * 60_000).toISOString(),
    })),
  };
}

test("import a file, ask about its beginning, and see the recalled message, linked to its place", async ({ page }) => {
  // The sentence encoder reads the 600 messages after the import answers: the test waits for it at the end.
  test.setTimeout(240_000);
  await page.goto("/");
  await page.getByRole("button", { name: "Import…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import conversations" });
  await expect(dialog).toContainText("conversations.json");
  await dialog.getByLabel("Import a conversations file").setInputFiles({
    name: "history.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(transcript())),
  });
  // One conversation imported: the dialog closes on it, open, and it joined this browser's conversations.
  await expect(page.getByText("Imported 1 conversation", { exact: true })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("list", { name: "Messages" })).toContainText("Message 599");
  const nav = page.getByRole("navigation", { name: "Conversations" });
  await expect(nav.getByRole("list", { name: "Your conversations" })).toContainText("Imported history");
  // The built-in sentence encoder is still reading the imported messages, and the conversation says so.
  const indexing = page.getByTestId("indexing-notice");
  await expect(indexing).toHaveText(/^Reading [\d,]+ messages for recall by meaning…$/);
  await page.getByRole("textbox", { name: "Message" }).fill("Where is my grandmother's farm?");
  await page.getByRole("button", { name: "Memory" }).click();
  const panel = page.getByRole("complementary", { name: "Memory panel" });
  await panel.getByRole("button", { name: "Show" }).click();
  const recalled = page.getByRole("dialog", { name: "What the assistant sees" }).locator('[data-section="recalled"]');
  await expect(recalled).toContainText("#1 user: My grandmother's farm is in Alentejo");
  await expect(recalled.getByRole("listitem").filter({ hasText: "#1 · user" })).toContainText("found by words");

  // The link loads the older pages and brings the first message into view.
  await recalled.getByRole("link", { name: /#1 · user/ }).click();
  const first = page.locator("#m-1");
  await expect(first).toContainText("My grandmother's farm is in Alentejo");
  await expect(first).toBeInViewport();
  // Scrolled away, the same link brings it back (the URL already has its hash).
  await page.getByTestId("message-scroller").evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(first).not.toBeInViewport();
  await panel.getByRole("button", { name: "Show" }).click();
  await recalled.getByRole("link", { name: /#1 · user/ }).click();
  await expect(first).toBeInViewport();

  // Once every message is read, the notice goes.
  await expect(indexing).toBeHidden({ timeout: 180_000 });
});

test("search finds a message on an old page, shows the match, and opens the conversation there", async ({ page }) => {
  await page.goto("/");
  const file = transcript();
  file.title = "Searchable history";
  file.messages[2].content = "The spare key is taped under the blue watering can by the greenhouse.";
  await page.getByRole("button", { name: "Import…" }).click();
  await page.getByLabel("Import a conversations file").setInputFiles({
    name: "history.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Searchable history");
  const nav = page.getByRole("navigation", { name: "Conversations" });

  // Words in any form ("watering cans"; "can" is a stop word, not required), found in titles and messages.
  await nav.getByRole("searchbox", { name: "Search conversations" }).fill("watering cans greenhouse");
  const hit = nav.getByRole("list", { name: "Messages found" }).getByRole("button").first();
  // Which conversation, who said it and when ("Dec 7" or "7 Dec", by the browser's language).
  await expect(hit).toContainText(/^Searchable history· You, (\w+ \d{1,2}|\d{1,2} \w+)/);
  await expect(hit.locator("mark")).toHaveText(["watering", "greenhouse"]);
  await expect(hit).not.toContainText("**");
  // The highlight lasts two seconds: recorded as it happens, so a slow machine cannot miss it.
  await page.evaluate(() => {
    const seen = window as unknown as { highlighted?: string[] };
    seen.highlighted = [];
    new MutationObserver((changes) => {
      for (const change of changes)
        if (change.target instanceof HTMLElement && change.target.dataset.highlighted === "true") seen.highlighted?.push(change.target.id);
    }).observe(document.body, { subtree: true, attributeFilter: ["data-highlighted"] });
  });
  await hit.click();
  await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}#m-3$/);
  const third = page.locator("#m-3");
  await expect(third).toContainText("The spare key is taped under the blue watering can");
  await expect(third).toBeInViewport();
  // Highlighted for a moment, so the eye finds it.
  await expect.poll(() => page.evaluate(() => (window as unknown as { highlighted: string[] }).highlighted)).toContain("m-3");
  await expect(third).not.toHaveAttribute("data-highlighted", "true", { timeout: 5_000 });
  await page.getByTestId("message-scroller").evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(third).not.toBeInViewport();
  await hit.click();
  await expect(third).toBeInViewport();
});

test("the import dialog takes a dropped file, and names a bad file's problem in words", async ({ page, consoleErrors }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Import…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import conversations" });
  const drop = async (name: string, content: string) => {
    const files = await page.evaluateHandle(
      ([fileName, text]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], fileName, { type: "application/json" }));
        return transfer;
      },
      [name, content],
    );
    await dialog.getByTestId("import-drop-zone").dispatchEvent("drop", { dataTransfer: files });
  };
  await drop("notes.txt", "these are my notes, not JSON");
  await expect(dialog.getByRole("status", { name: "Import" })).toHaveText(
    "notes.txt was not imported. This file is not valid JSON. Import ChatGPT's conversations.json, a JSON export of this app, or a transcript in JSON.",
  );
  await expect(dialog).toBeVisible();
  // The browser logs the refused upload's 400; nothing else may be logged.
  expect(consoleErrors).toEqual(["Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
  consoleErrors.length = 0;
  const file = transcript();
  file.title = "Dropped history";
  await drop("dropped.json", JSON.stringify(file));
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dropped history");
});

test("a conversation exported as JSON imports back through the dialog, with what memory holds", async ({ page }) => {
  await page.goto("/");
  await send(page, "My name is Rui and I keep bees.");
  await page.getByRole("button", { name: "Export" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Export as JSON (to import)" }).click();
  const file = await (await download).path();
  await page.getByRole("button", { name: "Import…" }).click();
  await page.getByRole("dialog", { name: "Import conversations" }).getByLabel("Import a conversations file").setInputFiles(file);
  await expect(page.getByText("Imported 1 conversation", { exact: true })).toBeVisible();
  await expect(messages(page).first()).toContainText("I keep bees");
  await page.getByRole("button", { name: "Memory" }).click();
  await expect(page.locator('[data-preference="name"]')).toContainText("Rui");
});
