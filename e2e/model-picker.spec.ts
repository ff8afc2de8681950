import { STUB_APP_URL } from "../playwright.config";
import { activeId, expect, query, send, test } from "./fixtures";

test.use({ baseURL: STUB_APP_URL });

const storedModel = async (id: string | null) =>
  (await query<{ model: string | null }>("stub", `SELECT "model" FROM "Conversation" WHERE "id" = $1`, [id]))[0]?.model;

test("the Model picker offers the endpoint's chat models, and the choice stays with the conversation", async ({ page }) => {
  await page.goto("/");
  const picker = page.getByRole("combobox", { name: "Model" });
  // The default first, then what the stub's /v1/models lists, without its embedding model.
  await expect(picker.getByRole("option")).toHaveText(["gpt-4o-mini", "stub-large", "stub-small"]);
  await expect(picker).toHaveValue("gpt-4o-mini");

  // A new chat's choice goes with its first message.
  await picker.selectOption("stub-small");
  await send(page, "Hello, which model is this?");
  const id = await activeId(page);
  expect(await storedModel(id)).toBe("stub-small");
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Model" })).toHaveValue("stub-small");

  // A stored conversation's choice is stored at once, and seen by another tab.
  await page.getByRole("combobox", { name: "Model" }).selectOption("stub-large");
  await expect.poll(() => storedModel(id)).toBe("stub-large");
  const other = await page.context().newPage();
  await other.goto(`/c/${id}`);
  await expect(other.getByRole("combobox", { name: "Model" })).toHaveValue("stub-large");
});
