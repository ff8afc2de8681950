import { APP_URL, STUB_APP_URL } from "../playwright.config";
import { activeId, expect, query, send, test } from "./fixtures";

test.use({ baseURL: STUB_APP_URL });

const storedModel = async (id: string | null) =>
  (await query<{ model: string | null }>("stub", `SELECT "model" FROM "Conversation" WHERE "id" = $1`, [id]))[0]?.model;

test("the Model menu offers the endpoint's chat models, and the choice stays with the conversation", async ({ page }) => {
  await page.goto("/");
  const picker = page.getByRole("button", { name: /^Model: / });
  await expect(picker).toHaveAccessibleName("Model: gpt-4o-mini");
  // The default first, then what the stub's /v1/models lists, without its embedding model.
  await picker.click();
  await expect(page.getByRole("menuitemradio")).toHaveText(["gpt-4o-mini", "stub-large", "stub-small"]);
  await expect(page.getByRole("menuitemradio", { name: "gpt-4o-mini" })).toHaveAttribute("aria-checked", "true");

  // A new chat's choice goes with its first message.
  await page.getByRole("menuitemradio", { name: "stub-small" }).click();
  await expect(picker).toHaveAccessibleName("Model: stub-small");
  await send(page, "Hello, which model is this?");
  const id = await activeId(page);
  expect(await storedModel(id)).toBe("stub-small");
  await page.reload();
  await expect(page.getByRole("button", { name: "Model: stub-small" })).toBeVisible();

  // A stored conversation's choice is stored at once, and seen by another tab.
  await page.getByRole("button", { name: "Model: stub-small" }).click();
  await page.getByRole("menuitemradio", { name: "stub-large" }).click();
  await expect.poll(() => storedModel(id)).toBe("stub-large");
  const other = await page.context().newPage();
  await other.goto(`/c/${id}`);
  await expect(other.getByRole("button", { name: "Model: stub-large" })).toBeVisible();
});

test("with one model there is nothing to choose: its name shows as text", async ({ page }) => {
  await page.goto(APP_URL);
  await expect(page.locator("main header").getByText("Offline model", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Model: / })).toHaveCount(0);
});
