import { memoryBufferSchema } from "../lib/memory/schema";
import { PORT_BASE } from "../playwright.config";
import { activeId, expect, messages, openFromLink, query, test } from "./fixtures";
import { killInstance, startInstance } from "./instances";

/**
 * Two more standalone server instances (A and B) on the suite's database, sharing nothing else, with a
 * slow offline model (250 ms a token) so that replies can be left, resumed and stopped mid-way.
 */
const A = { port: PORT_BASE + 2, url: `http://localhost:${PORT_BASE + 2}` };
const B = { port: PORT_BASE + 3, url: `http://localhost:${PORT_BASE + 3}` };
const startSlow = (port: number, env: Record<string, string> = {}) => startInstance(port, { OFFLINE_MODEL_DELAY_MS: "250", ...env });

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  await Promise.all([startSlow(A.port), startSlow(B.port)]);
});
test.afterAll(() => {
  killInstance(A.port, "SIGTERM");
  killInstance(B.port, "SIGTERM");
});

/** How the offline model's first reply in a conversation ends (lib/ai/offline-reply.ts): it is then complete. */
const END = "Ask me about it later.";
const LONG = `Tell me everything. ${"Please keep going for a while. ".repeat(6)}`;
const reply = (id: string | null) =>
  query<{ status: string; content: string }>(
    "app",
    `SELECT status, content FROM "Message" WHERE "conversationId" = $1 AND role = 'assistant' ORDER BY seq`,
    [id],
  );

/** Sends a message once the previous reply is done, and returns when its reply has begun to stream. */
async function startReply(page: import("@playwright/test").Page, text = LONG): Promise<string> {
  await expect(page.getByRole("button", { name: "Send" })).toBeAttached({ timeout: 20_000 });
  const before = await messages(page).count();
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
  await expect(messages(page)).toHaveCount(before + 2);
  await expect(messages(page).nth(before + 1)).toContainText("Offline model");
  return (await activeId(page))!;
}

test("a reload mid-answer shows the text so far, then the whole answer exactly once", async ({ page }) => {
  await page.goto(A.url);
  const id = await startReply(page);
  await page.reload();
  await expect(messages(page).nth(1)).toContainText("Offline model");
  expect((await reply(id))[0].status).toBe("streaming");
  await expect(messages(page).nth(1)).toContainText(END, { timeout: 20_000 });
  await expect(messages(page)).toHaveCount(2);
  await expect(page.getByText("Offline model.", { exact: true })).toHaveCount(1);
  await expect(async () => expect(await reply(id)).toEqual([{ status: "complete", content: expect.stringContaining(END) }])).toPass();
  const stored = (await reply(id))[0].content;
  expect(await messages(page).nth(1).locator(".markdown").innerText()).toContain(stored.split("\n")[0].replaceAll("**", ""));
});

test("closing the only tab mid-answer does not cancel it: the answer and memory are complete", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(A.url);
  const id = await startReply(page);
  await context.close();
  await expect(async () => expect((await reply(id))[0].status).toBe("complete")).toPass({ timeout: 20_000 });
  const [{ last }] = await query<{ last: string }>(
    "app",
    `SELECT "memoryBuffer"->'short_term_memory'->'messages'->-1->'data'->>'content' AS last FROM "Conversation" WHERE id = $1`,
    [id],
  );
  expect(last).toBe((await reply(id))[0].content);
});

test("a turn started on instance A is watched live on instance B, and Stop on B stops A within a second", async ({ page, browser }) => {
  await page.goto(A.url);
  const id = await startReply(page);
  const other = await browser.newContext();
  const watcher = await other.newPage();
  await openFromLink(watcher, `${B.url}/c/${id}`);
  await expect(messages(watcher).nth(1)).toContainText("Offline model");
  await expect(messages(watcher).nth(1)).toContainText(END, { timeout: 20_000 });

  await startReply(page, `Second question. ${LONG}`);
  await watcher.reload();
  await expect(messages(watcher).nth(3)).toContainText("Offline model");
  const stoppedAt = Date.now();
  await watcher.getByRole("button", { name: "Stop" }).click();
  // Instance A finalizes the reply (its last write, generator cleared) within a second of the click.
  const final = async () =>
    (
      await query<{ status: string; generator: string | null; content: string; at: number }>(
        "app",
        `SELECT status, generator, content, (extract(epoch FROM "updatedAt") * 1000)::float8 AS at
         FROM "Message" WHERE "conversationId" = $1 AND role = 'assistant' ORDER BY seq DESC LIMIT 1`,
        [id],
      )
    )[0];
  await expect(async () => expect(await final()).toMatchObject({ status: "stopped", generator: null })).toPass({ timeout: 2_000 });
  const stopped = await final();
  expect(stopped.at - stoppedAt).toBeLessThan(1_000);
  expect(stopped.content).not.toContain(END);
  await new Promise((resolve) => setTimeout(resolve, 800));
  expect((await final()).content).toBe(stopped.content);
  await other.close();
});

test("a second tab sees a message sent in the first without a reload", async ({ page, context }) => {
  await page.goto(A.url);
  const id = await startReply(page, "Opening message.");
  await expect(page.getByRole("button", { name: "Send" })).toBeAttached({ timeout: 20_000 });
  const second = await context.newPage();
  await second.goto(`${A.url}/c/${id}`);
  await expect(messages(second)).toHaveCount(2);

  await startReply(page, "Sent from the first tab.");
  await expect(second.getByText("Sent from the first tab.", { exact: true })).toBeVisible();
  await expect(messages(second)).toHaveCount(4);
  await expect(messages(second).nth(3)).toContainText(END, { timeout: 20_000 });
});

test("a reply that ends between loading the page and following it still shows, whole", async ({ page, browser }) => {
  await page.goto(A.url);
  const id = await startReply(page);
  const other = await browser.newContext();
  const watcher = await other.newPage();
  // Hold back the tab's resume and events requests until the reply is stored as complete: the page
  // it loaded still has the reply streaming, and resuming then finds nothing to resume.
  const ended = () => expect(async () => expect((await reply(id))[0].status).toBe("complete")).toPass({ timeout: 20_000 });
  await watcher.route(/\/api\/(chat\/[^/]+\/stream|conversations\/[^/]+\/events)/, async (route) => {
    await ended();
    await route.continue();
  });
  await openFromLink(watcher, `${A.url}/c/${id}`);
  await expect(messages(watcher)).toHaveCount(2, { timeout: 25_000 });
  await expect(messages(watcher).nth(1)).toContainText(END);
  await other.close();
});

test("after SIGKILL mid-answer and a restart, the reply shows as interrupted and the next turn works", async ({ page, consoleErrors }) => {
  await page.goto(A.url);
  const id = await startReply(page);
  await expect(async () => expect((await reply(id))[0].content.length).toBeGreaterThan(0)).toPass();
  killInstance(A.port, "SIGKILL");
  const partial = (await reply(id))[0];
  expect(partial.status).toBe("streaming");
  await startSlow(A.port);
  // The page saw its server die (failed requests while it was down): that is the scenario, not a bug.
  consoleErrors.length = 0;

  await page.goto(`${A.url}/c/${id}`);
  await expect(messages(page).nth(1).locator('[data-status="interrupted"]')).toContainText("Interrupted");
  const after = (await reply(id))[0];
  expect(after.status).toBe("interrupted");
  expect(after.content.startsWith(partial.content)).toBe(true);
  await expect(messages(page).nth(1)).toContainText(partial.content.split("\n")[0].replaceAll("**", "").slice(0, 30));
  await startReply(page, "Are you back?");
  await expect(async () => expect((await reply(id))[1].status).toBe("complete")).toPass({ timeout: 20_000 });
  const [{ memory }] = await query<{ memory: unknown }>("app", `SELECT "memoryBuffer" AS memory FROM "Conversation" WHERE id = $1`, [id]);
  expect(memoryBufferSchema.safeParse(memory).success).toBe(true);
});

test("SIGTERM mid-answer: the reply is stored as interrupted with its text, and the server exits at once after the grace", async ({
  page,
  consoleErrors,
}) => {
  const C = { port: PORT_BASE + 4, url: `http://localhost:${PORT_BASE + 4}` };
  const child = await startSlow(C.port, { SHUTDOWN_GRACE_MS: "300" });
  await page.goto(C.url);
  const id = await startReply(page);
  await expect(async () => expect((await reply(id)).at(-1)?.content.length).toBeGreaterThan(0)).toPass();
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const signalledAt = Date.now();
  killInstance(C.port, "SIGTERM");
  expect(await exited).toBe(143);
  expect(Date.now() - signalledAt).toBeLessThan(3_000);
  const settled = (await reply(id)).at(-1)!;
  expect(settled.status).toBe("interrupted");
  expect(settled.content.length).toBeGreaterThan(0);
  consoleErrors.length = 0; // the page saw its server go away
});
