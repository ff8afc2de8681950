import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { activeId, expect, messages, query, test } from "./fixtures";

/** A page on another site (127.0.0.1 is not the same site as localhost) whose script attacks the app. */
async function attackerPage(script: string) {
  const server = http.createServer((_request, response) => {
    response.setHeader("content-type", "text/html");
    response.end(`<p>Nothing to see</p><script>${script}</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

test("a page on another site can neither stop a reply nor send a message, by no-cors fetch, form or CORS", async ({
  page,
  context,
  baseURL,
  consoleErrors,
}) => {
  await page.goto("/");
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(`Please answer at length. ${"This sentence makes the reply long. ".repeat(10)}`);
  await box.press("Enter");
  await expect(messages(page).nth(1)).toContainText("Offline model");
  const id = (await activeId(page))!;
  const forged = JSON.stringify({ id, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: "Forged" }] } });

  const attacker = await attackerPage(`
    const app = ${JSON.stringify(baseURL)};
    window.outcome = Promise.allSettled([
      fetch(app + "/api/conversations/${id}/stop", { method: "POST", mode: "no-cors" }),
      fetch(app + "/api/conversations/${id}/stop", { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: "{}" }),
      fetch(app + "/api/chat", { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: ${JSON.stringify(forged)} }),
      fetch(app + "/api/chat", { method: "POST", headers: { "content-type": "application/json" }, body: ${JSON.stringify(forged)} }),
    ]).then((results) => results.map((r) => r.status));
    const form = document.createElement("form");
    form.method = "POST"; form.action = app + "/api/chat"; form.enctype = "text/plain"; form.target = "sink";
    const field = document.createElement("input"); field.name = ${JSON.stringify(forged.slice(0, -1))}; field.value = "}";
    const sink = document.createElement("iframe"); sink.name = "sink";
    document.body.append(sink, form); form.append(field); form.submit();
  `);
  try {
    const other = await context.newPage();
    const answers: number[] = [];
    other.on("response", (response) => {
      if (response.url().startsWith(`${baseURL}/api/`)) answers.push(response.status());
    });
    await other.goto(attacker.url);
    // The no-cors requests settle opaquely, the CORS one is refused by its preflight.
    expect(await other.evaluate(() => (window as unknown as { outcome: Promise<string[]> }).outcome)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
    ]);
    await expect.poll(() => answers.length).toBeGreaterThanOrEqual(4);
    expect(answers.every((status) => status === 403)).toBe(true);
    await other.close();

    // The reply went on to the end, and nothing forged was stored.
    await expect(page.getByRole("button", { name: "Send" })).toBeVisible({ timeout: 30_000 });
    const rows = await query<{ role: string; content: string; status: string }>(
      "app",
      `SELECT role, content, status FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`,
      [id],
    );
    expect(rows.map((row) => [row.role, row.status])).toEqual([
      ["user", "complete"],
      ["assistant", "complete"],
    ]);
    expect(consoleErrors.filter((text) => !/CORS|403|Failed to fetch/.test(text))).toEqual([]);
    consoleErrors.length = 0;
  } finally {
    attacker.close();
  }
});
