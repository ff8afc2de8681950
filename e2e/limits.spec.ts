import { randomUUID } from "node:crypto";
import { PORT_BASE } from "../playwright.config";
import { postServerAction, serverActionId } from "../tests/support/server-action";
import { activeId, expect, messages, openFromLink, query, rowAction, send, test } from "./fixtures";
import { killInstance, startInstance } from "./instances";

test("a request counts against the address it came from, whatever X-Forwarded-For it carries", async ({ request }) => {
  const spoofed = "203.0.113.250";
  const response = await request.post("/api/chat", {
    headers: { "x-forwarded-for": spoofed },
    data: { id: randomUUID(), message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: "Who am I?" }] } },
  });
  expect(response.status()).toBe(200);
  const keys = (await query<{ key: string }>("app", `SELECT "key" FROM "RateLimit" WHERE "key" LIKE 'turns:client:%'`)).map(
    (row) => row.key,
  );
  expect(keys.some((key) => key.includes(spoofed))).toBe(false);
  expect(keys).toContainEqual(expect.stringMatching(/^turns:client:(127\.0\.0\.1|0:0:0:0::\/64)$/));
});

test("over a limit, the turn is refused with when to try again, and Retry works once that time has passed", async ({
  page,
  consoleErrors,
}) => {
  // Up to four rounds of up to 40 whole turns: on a loaded 2-core runner (the sentence encoder reading
  // what left the window beside the server) that can pass a minute.
  test.setTimeout(180_000);
  await page.goto("/");
  await send(page, "Hello there");
  const id = await activeId(page);

  // The conversation's turns (12 a minute by default, refilled one every 5 s) used up from elsewhere,
  // then this tab's message. A slow machine can take longer than one refill between the two: then the
  // message goes through, and the round is repeated.
  const box = page.getByRole("textbox", { name: "Message" });
  const alert = page.getByRole("alert").filter({ hasText: "too quickly" });
  for (let round = 0; round < 4; round++) {
    let status = 200;
    for (let turn = 0; status === 200 && turn < 40; turn++) {
      const response = await page.request.post("/api/chat", {
        data: { id, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: `Filler ${round}.${turn}` }] } },
      });
      status = response.status();
    }
    expect(status).toBe(429);
    await expect(page.getByRole("button", { name: "Send" })).toBeVisible({ timeout: 30_000 });
    await box.fill(`Are you still there? (${round})`);
    const answered = page.waitForResponse((response) => response.url().endsWith("/api/chat") && response.request().method() === "POST");
    await box.press("Enter");
    if ((await answered).status() === 429) break;
    await expect(page.getByRole("button", { name: "Send" })).toBeVisible({ timeout: 30_000 });
  }
  await expect(alert).toContainText(/This conversation is receiving messages too quickly\. Try again in \d+ seconds?\./);
  const retry = alert.getByRole("button", { name: /^Retry in \d+ s$/ });
  await expect(retry).toBeDisabled();
  // The browser reports the 429 in its console; that is the refusal under test, not a fault.
  expect(consoleErrors.every((text) => text.includes("429"))).toBe(true);
  consoleErrors.length = 0;

  await expect(alert.getByRole("button", { name: "Retry" })).toBeEnabled({ timeout: 15_000 });
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(alert).toBeHidden();
  // The retried turn is answered (the offline model words it by what the conversation holds).
  await expect(messages(page).last()).toHaveAccessibleName("Assistant", { timeout: 15_000 });
  await expect(messages(page).last()).not.toBeEmpty();
});

test("server actions past the client's limit are refused before they do anything, and the page says so", async ({
  page,
  consoleErrors,
}) => {
  // An instance of its own: the suite's servers allow the whole suite's actions from one address.
  const port = PORT_BASE + 5;
  const base = `http://localhost:${port}`;
  await startInstance(port, { LIMIT_ACTIONS_PER_MINUTE_PER_CLIENT: "6" });
  try {
    const id = randomUUID();
    const turn = await fetch(`${base}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ id, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: "Hello there" }] } }),
    });
    expect(turn.status).toBe(200);
    await turn.text();
    // A share link made first: its page is an action too.
    const shared = await postServerAction(base, serverActionId("createShareLink"), { id });
    const token = /"token":"([A-Za-z0-9_-]{32})"/.exec(shared.body)?.[1];
    expect(token).toBeDefined();
    const rename = serverActionId("renameConversation");
    let accepted = 1;
    let refused = "";
    for (let n = 0; n < 10 && !refused; n++) {
      const { status, body } = await postServerAction(base, rename, { id, title: `Title ${n}` });
      expect(status).toBe(200);
      if (body.includes('"ok":true')) accepted++;
      else refused = body;
    }
    // Six a minute, all at once or spread out: the seventh is refused (or an eighth, if one refilled meanwhile).
    expect(accepted).toBeGreaterThanOrEqual(6);
    expect(accepted).toBeLessThanOrEqual(7);
    expect(refused).toContain('"code":"RATE_LIMITED"');
    expect(refused).toMatch(/You are sending requests too quickly\. Try again in \d+ seconds?\./);
    const [{ title }] = await query<{ title: string }>("app", `SELECT title FROM "Conversation" WHERE id = $1`, [id]);
    expect(title).toBe(`Title ${accepted - 2}`);

    // The browser's own reads are actions too: its page load is refused with the same words.
    await openFromLink(page, `${base}/c/${id}`);
    await expect(page.getByRole("alert").filter({ hasText: "too quickly" })).toContainText(
      /You are sending requests too quickly\. Try again in \d+ seconds?\./,
    );
    // And a shared link's page says the same, not that the link was revoked.
    await page.goto(`${base}/s/${token}`);
    await expect(page.getByRole("alert").filter({ hasText: "too quickly" })).toContainText(
      /You are sending requests too quickly\. Try again in \d+ seconds?\./,
    );
    expect(consoleErrors).toEqual([]);
  } finally {
    killInstance(port, "SIGTERM");
  }
});

test("a rename refused by the limit says so in the sidebar, and the title stays as it was", async ({ page, consoleErrors }) => {
  const port = PORT_BASE + 6;
  const base = `http://localhost:${port}`;
  // A client of its own, as a trusted proxy would name it: the limits' rows are in the database every
  // instance shares, and the suite's other requests come from this machine's address.
  const client = { "x-forwarded-for": "192.0.2.66" };
  await startInstance(port, { LIMIT_ACTIONS_PER_MINUTE_PER_CLIENT: "12", TRUST_PROXY_HOPS: "1" });
  try {
    await page.setExtraHTTPHeaders(client);
    await page.goto(base);
    await send(page, "Plans for the garden");
    const id = await activeId(page);
    const list = page.getByRole("list", { name: "Your conversations" });
    const alert = page.getByRole("alert").filter({ hasText: "Not renamed." });
    const rename = serverActionId("renameConversation");
    // The client's actions used up from elsewhere (the same address), then a rename in the sidebar. One
    // refilled in between lets that rename through: then the round is repeated.
    const titleOf = async () => (await query<{ title: string }>("app", `SELECT title FROM "Conversation" WHERE id = $1`, [id]))[0]?.title;
    let stored = await titleOf();
    let attempted = "";
    for (let round = 0; round < 6 && !(await alert.isVisible()); round++) {
      if (attempted) stored = attempted;
      for (let n = 0; n < 20; n++) {
        if ((await postServerAction(base, rename, { id, title: `Garden ${round}` }, "/", client)).body.includes("RATE_LIMITED")) break;
        stored = `Garden ${round}`;
      }
      attempted = `Refused ${round}`;
      await rowAction(page, /.+/, "Rename");
      const box = page.getByRole("textbox", { name: "Conversation title" });
      await box.fill(attempted);
      await box.press("Enter");
      // Refused (the alert), or stored: the list's own refresh is an action too, and may be refused.
      await expect.poll(async () => (await alert.isVisible()) || (await titleOf()) === attempted).toBe(true);
    }
    await expect(alert).toContainText(/^Not renamed\. You are sending requests too quickly\. Try again in \d+ seconds?\./);
    await expect(list.getByRole("button", { name: attempted, exact: true })).toBeHidden();
    expect(await titleOf()).toBe(stored);
    await alert.getByRole("button", { name: "Dismiss" }).click();
    await expect(alert).toBeHidden();
    // Away from the page before its server stops, so that its open stream does not break mid-way.
    await page.goto("about:blank");
    expect(consoleErrors).toEqual([]);
  } finally {
    killInstance(port, "SIGTERM");
  }
});
