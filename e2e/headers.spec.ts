import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";

test("pages carry a nonce-based Content-Security-Policy, and pages and APIs the hardening headers", async ({ request }) => {
  const page = await request.get("/");
  const policy = page.headers()["content-security-policy"];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("img-src 'self' data: blob:");
  expect(policy).toMatch(/frame-ancestors http:\/\/127\.0\.0\.1:\d+/);
  // A browser's prefetch of a document is the page it will show: the same headers.
  const prefetched = await request.get("/", { headers: { purpose: "prefetch", "sec-purpose": "prefetch" } });
  expect(prefetched.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  expect(prefetched.headers()["content-security-policy"]).toContain("frame-ancestors");
  // A fresh nonce for every page.
  expect((await request.get("/")).headers()["content-security-policy"]).not.toBe(policy);
  // Next.js's own inline scripts carry it.
  const nonce = policy.match(/'nonce-([^']+)'/)![1];
  expect(await page.text()).toContain(`nonce="${nonce}"`);

  const api = await request.get("/api/conversations/00000000-0000-4000-8000-000000000000/context?message=hi");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  for (const response of [page, api]) {
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["referrer-policy"]).toBe("no-referrer");
    expect(response.headers()["permissions-policy"]).toBe("camera=(), microphone=(), geolocation=(), payment=(), usb=()");
  }
});

test("a site that is not allowed to frame the app gets an empty frame: nothing to click on", async ({ page, consoleErrors }) => {
  const baseURL = test.info().project.use.baseURL;
  const server = http.createServer((_request, response) => {
    response.setHeader("content-type", "text/html");
    response.end(`<p>Win a prize!</p><iframe src="${baseURL}/" style="width:1000px;height:700px"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const refused = page.waitForEvent("console", (message) => message.text().includes("frame-ancestors"));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    // Chromium refuses to show the app, and says why: the page's origin is not among the allowed ones.
    expect((await refused).text()).toMatch(
      /^Framing 'http:\/\/localhost:\d+\/' violates .*frame-ancestors.*The request has been blocked\./,
    );
    await expect(page.getByText("Win a prize!")).toBeVisible();
    await expect(page.frameLocator("iframe").getByRole("textbox", { name: "Message" })).toHaveCount(0);
    expect(consoleErrors.filter((text) => !text.includes("frame-ancestors"))).toEqual([]);
    consoleErrors.length = 0;
  } finally {
    // The page first, so that nothing it still loads finds the server gone.
    await page.close();
    server.close();
  }
});
