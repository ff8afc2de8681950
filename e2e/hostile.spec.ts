import { expect, messages, send, test } from "./fixtures";

test("hostile message text renders as inert text, in the user's bubble and in the echoed reply", async ({ page }) => {
  await page.goto("/");
  const payload = `<img src=x onerror=alert(1)> <script>alert(2)</script> [link](javascript:alert(3))`;
  await send(page, payload);
  await expect(messages(page).first()).toContainText("<img src=x onerror=alert(1)>");
  await expect(messages(page).first()).toContainText("<script>alert(2)</script>");
  const list = page.getByRole("list", { name: "Messages" });
  await expect(list.locator("img")).toHaveCount(0);
  await expect(list.locator("script")).toHaveCount(0);
  await expect(list.locator('a[href^="javascript:"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { alerted?: boolean }).alerted)).toBeUndefined();
});

test("Markdown renders, with highlighted code blocks, and Shift+Enter adds a line", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill("first line");
  await box.press("Shift+Enter");
  await box.pressSequentially("second line");
  await expect(box).toHaveValue("first line\nsecond line");
  await box.press("Enter");
  await expect(messages(page).first()).toContainText("first line");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await expect(messages(page).nth(1).locator("strong")).toHaveText("Offline model.");
  await expect(messages(page).nth(1).getByRole("button", { name: "Copy reply" })).toBeVisible();
});

test("an image in a reply is a link, never fetched: memory cannot leak through its URL", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/pixel")) fetched.push(request.url());
  });
  await page.goto("/");
  // The offline model echoes the message into its reply, which renders as Markdown.
  await send(page, "![x](http://127.0.0.1:9/pixel?data=my-secret-name)");
  const reply = messages(page).nth(1);
  const link = reply.locator("a[data-image-link]");
  await expect(link).toHaveText("[image: x]");
  await expect(link).toHaveAttribute("href", "http://127.0.0.1:9/pixel?data=my-secret-name");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(page.getByRole("list", { name: "Messages" }).locator("img")).toHaveCount(0);
  expect(fetched).toEqual([]);
});

test("a link in a reply opens apart, without a referrer, and tells search engines nothing", async ({ page }) => {
  await page.goto("/");
  await send(page, "See [the docs](https://example.com/docs?from=chat) for more.");
  const link = messages(page).nth(1).getByRole("link", { name: "the docs" });
  await expect(link).toHaveAttribute("href", "https://example.com/docs?from=chat");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(link).toHaveAttribute("target", "_blank");
});
