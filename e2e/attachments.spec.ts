import type { Page } from "@playwright/test";
import { pdfWithPages, pngWithMetadata } from "../tests/support/sample-files";
import { expect, messages, query, send, test } from "./fixtures";

const chips = (page: Page) => page.getByRole("list", { name: "Files to send" }).getByRole("listitem");

/** Puts files on the page as a drop (dragover, then drop) onto `target`, or as a paste into it. */
async function deliver(page: Page, kind: "drop" | "paste", selector: string, file: { name: string; type: string; base64: string }) {
  await page.evaluate(
    ({ kind, selector, file }) => {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
      const target = document.querySelector(selector);
      if (!target) throw new Error(`No ${selector}`);
      if (kind === "paste") target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
      else {
        target.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { kind, selector, file },
  );
}

test("files attach by the paperclip, a drop and a paste; a chip can be removed; the image shows in the message and the model is told", async ({
  page,
}) => {
  await page.goto("/");
  const png = pngWithMetadata(4, 3);

  // The paperclip opens the file picker.
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles([
    { name: "photo.png", mimeType: "image/png", buffer: png },
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Buy milk.\nCall Ana.") },
  ]);
  await expect(chips(page)).toHaveCount(2);
  await expect(chips(page).filter({ hasText: "photo.png" })).toHaveAttribute("data-state", "ready");
  await expect(chips(page).filter({ hasText: "notes.txt" })).toHaveAttribute("data-state", "ready");
  await expect(chips(page).filter({ hasText: "photo.png" }).locator("img")).toBeVisible();
  // The offline model cannot see images: said before sending one, and not once no image is left.
  const blind = page.getByRole("status").filter({ hasText: "The offline model cannot see images" });
  await expect(blind).toBeVisible();

  // Removed before sending: gone from the composer and from the server.
  await page.getByRole("button", { name: "Remove notes.txt" }).click();
  await expect(chips(page)).toHaveCount(1);
  await expect.poll(async () => (await query("app", `SELECT 1 FROM "Attachment" WHERE "name" = 'notes.txt'`)).length).toBe(0);

  // Dropped onto the conversation, and pasted into the message box.
  await deliver(page, "drop", "main form", {
    name: "dropped.md",
    type: "text/markdown",
    base64: Buffer.from("# Dropped").toString("base64"),
  });
  await deliver(page, "paste", 'textarea[aria-label="Message"]', {
    name: "screenshot.png",
    type: "image/png",
    base64: png.toString("base64"),
  });
  await expect(chips(page)).toHaveCount(3);
  for (const name of ["dropped.md", "screenshot.png"])
    await expect(chips(page).filter({ hasText: name })).toHaveAttribute("data-state", "ready");

  await page.getByRole("textbox", { name: "Message" }).fill("What did I send?");
  const turn = page.waitForResponse((response) => response.url().endsWith("/api/chat") && response.request().method() === "POST");
  await page.getByRole("button", { name: "Send" }).click();
  expect((await turn).request().postDataJSON().attachments).toHaveLength(3);
  await expect(chips(page)).toHaveCount(0);
  await expect(blind).toHaveCount(0);

  const sent = messages(page).nth(0);
  const thumbnail = sent.getByRole("img", { name: "photo.png" });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(4);
  await expect(sent.getByRole("link", { name: /dropped\.md/ })).toHaveAttribute("href", /\/attachments\/[0-9a-f-]{36}\?download$/);
  await expect(messages(page).nth(1)).toContainText("I received 3 files: photo.png (PNG image, 4×3 pixels");

  // After a reload the message still carries them.
  await page.reload();
  await expect(messages(page).nth(0).getByRole("img", { name: "screenshot.png" })).toBeVisible();
  await expect(
    messages(page)
      .nth(0)
      .getByRole("link", { name: /dropped\.md/ }),
  ).toBeVisible();

  // Edited: the new version keeps the files left in the editor, and drops the one removed.
  await messages(page).nth(0).hover();
  await messages(page).nth(0).getByRole("button", { name: "Edit" }).click();
  const kept = page.getByRole("list", { name: "Files kept" }).getByRole("listitem");
  await expect(kept).toHaveCount(3);
  await page.getByRole("button", { name: "Remove dropped.md" }).click();
  await expect(kept).toHaveCount(2);
  const edited = page.waitForResponse((response) => response.url().endsWith("/api/chat") && response.request().method() === "POST");
  await page.getByRole("button", { name: "Send edited message" }).click();
  expect((await edited).request().postDataJSON().keep).toHaveLength(2);
  await expect(messages(page).nth(1)).toContainText("I received 2 files: photo.png");
  await expect(
    messages(page)
      .nth(0)
      .getByRole("link", { name: /dropped\.md/ }),
  ).toHaveCount(0);
  await expect(messages(page).nth(0).getByRole("img", { name: "screenshot.png" })).toBeVisible();
});

test("a file over the limit, or one the server refuses, says why in its chip and is never sent", async ({ page, consoleErrors }) => {
  await page.goto("/");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles([{ name: "huge.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(21 * 1_048_576, 0x25) }]);
  const chip = chips(page).filter({ hasText: "huge.pdf" });
  await expect(chip).toHaveAttribute("data-state", "failed");
  await expect(chip.getByRole("alert")).toContainText("Larger than the limit of 20 MB");
  // No image among the files: nothing to say of what the model sees.
  await expect(page.getByText("cannot see images")).toHaveCount(0);
  // A file the server refuses from its bytes says why too.
  const second = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach files" }).click();
  await (await second).setFiles([
    { name: "setup.png", mimeType: "image/png", buffer: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(4_000, 0x90)]) },
  ]);
  await expect(chips(page).filter({ hasText: "setup.png" }).getByRole("alert")).toContainText("cannot be attached");
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
  expect(await query("app", `SELECT 1 FROM "Attachment" WHERE "name" IN ('huge.pdf', 'setup.png')`)).toHaveLength(0);
  // Expected: the refusal's status, and Playwright handing the 21 MB file to the page through a blob URL, which the CSP's connect-src blocks
  // (a real file picker does not; the app never fetched it).
  expect(consoleErrors.filter((text) => !/status of 415|Connecting to 'blob:/.test(text))).toEqual([]);
  consoleErrors.length = 0;
});

test("a PDF is read by the server into its pages, and the reply that carries it knows how many it has and what was read", async ({
  page,
}) => {
  await page.goto("/");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach files" }).click();
  const pages = Array.from({ length: 8 }, (_, i) => [
    `Page ${i + 1} of the plan.`,
    i === 6 ? "The launch is on 3 March." : "Nothing else here.",
  ]);
  await (await chooser).setFiles([{ name: "plan.pdf", mimeType: "application/pdf", buffer: pdfWithPages(pages) }]);
  await expect(chips(page).filter({ hasText: "plan.pdf" })).toHaveAttribute("data-state", "ready");
  // Read off the request path, in the standalone server's worker thread.
  await expect
    .poll(
      async () =>
        (
          await query<{ textState: string }>(
            "app",
            `SELECT "textState" FROM "AttachmentContent" WHERE "mediaType" = 'application/pdf' ORDER BY "createdAt" DESC LIMIT 1`,
          )
        )[0]?.textState,
    )
    .toBe("read");
  await send(page, "When is the launch?");
  await expect(messages(page).nth(1)).toContainText("plan.pdf (PDF, 8 pages,");
  await expect(
    messages(page)
      .nth(0)
      .getByRole("link", { name: /plan\.pdf/ }),
  ).toBeVisible();

  // Later, a question about page 7: What the assistant sees shows that passage, with its file and page.
  await page.getByRole("textbox", { name: "Message" }).fill("What does page 7 say?");
  await page.getByRole("button", { name: "Memory" }).click();
  await page.getByRole("complementary", { name: "Memory panel" }).getByRole("button", { name: "Show" }).click();
  const sees = page.getByRole("dialog", { name: "What the assistant sees" });
  const files = sees.locator('[data-section="files"]');
  await expect(files).toContainText("The launch is on 3 March.");
  await expect(files.getByRole("list", { name: "Passages of files" }).getByRole("link").first()).toHaveText(
    "plan.pdf · page 7 · sent in #1",
  );
});

test("a conversation exported with its files imports back with them", async ({ page }) => {
  await page.goto("/");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles([
    { name: "photo.png", mimeType: "image/png", buffer: pngWithMetadata(7, 5) },
    { name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from("# Packing\n\n- tent\n- stove") },
  ]);
  for (const name of ["photo.png", "notes.md"]) await expect(chips(page).filter({ hasText: name })).toHaveAttribute("data-state", "ready");
  await send(page, "Packing list and a photo.");
  await expect(messages(page).nth(1)).toContainText("I received 2 files");

  await page.getByRole("button", { name: "Export" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Export with files (.zip)" }).click();
  const file = await (await download).path();
  await page.getByRole("button", { name: "Import…" }).click();
  await page.getByRole("dialog", { name: "Import conversations" }).getByLabel("Import a conversations file").setInputFiles(file);
  await expect(page.getByText("Imported 1 conversation", { exact: true })).toBeVisible();

  // The copy opens, its own files under its own address.
  const sent = messages(page).nth(0);
  await expect(sent).toContainText("Packing list and a photo.");
  const thumbnail = sent.getByRole("img", { name: "photo.png" });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(7);
  const id = new URL(page.url()).pathname.split("/").pop();
  await expect(sent.getByRole("link", { name: /notes\.md/ })).toHaveAttribute("href", new RegExp(`/api/conversations/${id}/attachments/`));
});

test("a share link shows the files of the messages it shares, served through the link only", async ({ page, browser }) => {
  await page.goto("/");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles([
    { name: "map.png", mimeType: "image/png", buffer: pngWithMetadata(9, 6) },
    { name: "route.txt", mimeType: "text/plain", buffer: Buffer.from("North along the coast.") },
  ]);
  for (const name of ["map.png", "route.txt"]) await expect(chips(page).filter({ hasText: name })).toHaveAttribute("data-state", "ready");
  await send(page, "The map and the route.");
  const id = new URL(page.url()).pathname.split("/").pop() ?? "";

  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share a read-only link" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByRole("textbox", { name: "Read-only link" }).inputValue();
  const token = url.split("/s/")[1];

  const reader = await (await browser.newContext()).newPage();
  expect(await (await reader.goto(url))?.text()).not.toContain(id);
  const shared = messages(reader).first();
  const map = shared.getByRole("img", { name: "map.png" });
  await expect(map).toBeVisible();
  await expect.poll(() => map.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(9);
  await expect(map).toHaveAttribute("src", new RegExp(`^/api/share/${token}/attachments/[0-9a-f-]{36}$`));
  const route = shared.getByRole("link", { name: /route\.txt/ });
  await expect(route).toHaveAttribute("href", new RegExp(`^/api/share/${token}/attachments/[0-9a-f-]{36}\\?download$`));
  const download = reader.waitForEvent("download");
  await route.click();
  expect((await download).suggestedFilename()).toBe("route.txt");
  await reader.context().close();
});
