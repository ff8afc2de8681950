import { expect, messages, send, test } from "./fixtures";

test("hostile message text renders as inert text in the user's bubble", async ({ page }) => {
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
  await expect(messages(page).nth(1).getByRole("button", { name: "Copy reply" })).toBeAttached();
  // The user's own Markdown renders too, its line breaks kept; a code block names its language and copies.
  await send(page, "**bold** and `code`\n\n```ts\nconst answer: number = 42;\n```");
  const mine = messages(page).nth(2);
  await expect(mine.locator("strong")).toHaveText("bold");
  await expect(mine.locator("figure figcaption")).toContainText("ts");
  await expect(mine.locator("pre code.hljs .hljs-keyword").first()).toHaveText("const");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await mine.hover();
  await mine.getByRole("button", { name: "Copy code" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("const answer: number = 42;");
  await expect(messages(page).first().locator("br")).toHaveCount(1);
  // Formulas typeset with KaTeX (its fonts load under the CSP); prices stay text.
  await send(page, "Energy $E=mc^2$ costs $5 and $10.\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$");
  const formulas = messages(page).nth(4);
  await expect(formulas.locator(".math .katex")).toHaveCount(2);
  await expect(formulas.locator(".math-display .katex-display")).toBeVisible();
  await expect(formulas).toContainText("costs $5 and $10.");
  await expect.poll(() => page.evaluate(() => document.fonts.check("16px KaTeX_Main"))).toBe(true);
});

test("a formula stays inside its own message: negative sizes cannot cover others or stretch the page", async ({ page }) => {
  await page.goto("/");
  await send(page, "Before $\\raisebox{-1000000em}{.}$ and $\\smash[b]{\\raisebox{-5em}{\\colorbox{#4f46e5}{I authorise it}}}$ after");
  await send(page, "The next message");
  const formulas = messages(page).first().locator(".math");
  await expect(formulas).toHaveCount(2);
  const scroller = page.getByTestId("message-scroller");
  expect(await scroller.evaluate((element) => element.scrollHeight)).toBeLessThan(5_000);
  const next = (await messages(page).nth(2).boundingBox())!;
  for (const formula of await formulas.all()) {
    const painted = await formula.evaluate((element) => {
      // What the formula paints, as its descendants' boxes clipped by its own.
      const clip = element.getBoundingClientRect();
      return [...element.querySelectorAll("*")]
        .map((child) => child.getBoundingClientRect())
        .filter((box) => box.width > 0 && box.height > 0)
        .map((box) => ({ top: Math.max(box.top, clip.top), bottom: Math.min(box.bottom, clip.bottom) }))
        .filter((box) => box.bottom > box.top);
    });
    for (const box of painted) expect(box.bottom <= next.y || box.top >= next.y + next.height).toBe(true);
  }
});

test("an image in a message is a link, never fetched: memory cannot leak through its URL", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/pixel")) fetched.push(request.url());
  });
  await page.goto("/");
  // Messages, the user's and the model's, render as Markdown through the same renderer.
  await send(page, "![x](http://127.0.0.1:9/pixel?data=my-secret-name)");
  const link = messages(page).first().locator("a[data-image-link]");
  await expect(link).toHaveText("[image: x]");
  await expect(link).toHaveAttribute("href", "http://127.0.0.1:9/pixel?data=my-secret-name");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(page.getByRole("list", { name: "Messages" }).locator("img")).toHaveCount(0);
  expect(fetched).toEqual([]);
});

test("a link in a message opens apart, without a referrer, and tells search engines nothing", async ({ page }) => {
  await page.goto("/");
  await send(page, "See [the docs](https://example.com/docs?from=chat) for more.");
  const link = messages(page).first().getByRole("link", { name: "the docs" });
  await expect(link).toHaveAttribute("href", "https://example.com/docs?from=chat");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(link).toHaveAttribute("target", "_blank");
});
