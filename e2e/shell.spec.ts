import { expect, test } from "./fixtures";

test("the app serves its page from a migrated database", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Memory Chat" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(/Connected to PostgreSQL: \d+ conversations? stored\./);
});
