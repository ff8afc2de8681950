import http from "node:http";
import { APP_URL } from "../playwright.config";
import { serverActionId } from "../tests/support/server-action";
import { expect, test } from "./fixtures";

// The production server's answer to a server action over its body limit (128 KB, next.config.js):
// a typed 413 that Next.js's action client can show, where Next.js itself logs a 500.

test("a server action over its body limit gets 413 PAYLOAD_TOO_LARGE as text, and one under it is run", async ({ request }) => {
  const id = serverActionId("listConversations");
  const headers = { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: APP_URL };
  const large = await request.post("/", { headers, data: JSON.stringify([Array.from({ length: 20_000 }, () => crypto.randomUUID())]) });
  expect(large.status()).toBe(413);
  expect(large.headers()["content-type"]).toBe("text/plain");
  expect(large.headers()["x-error-code"]).toBe("PAYLOAD_TOO_LARGE");
  expect(await large.text()).toBe("The request is larger than the limit of 128 KB.");

  const small = await request.post("/", { headers, data: JSON.stringify([[crypto.randomUUID()]]) });
  expect(small.status()).toBe(200);
});

test("a server action sent chunked, without Content-Length, gets 411 LENGTH_REQUIRED", async () => {
  const { status, code } = await new Promise<{ status?: number; code?: string | string[] }>((resolve, reject) => {
    const sent = http.request(
      `${APP_URL}/`,
      {
        method: "POST",
        headers: { "next-action": serverActionId("listConversations"), "content-type": "text/plain;charset=UTF-8", origin: APP_URL },
      },
      (response) => {
        response.resume();
        resolve({ status: response.statusCode, code: response.headers["x-error-code"] });
      },
    );
    sent.on("error", reject);
    // Written in pieces with no length declared: Node sends it chunked.
    sent.write("[[");
    sent.end(`"${crypto.randomUUID()}"]]`);
  });
  expect(status).toBe(411);
  expect(code).toBe("LENGTH_REQUIRED");
});

test("a multipart form POST without Next-Action, or an action with a prefetch header, over the limit gets 413 too", async ({ request }) => {
  const form = await request.post("/", {
    headers: { origin: APP_URL },
    multipart: { file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.alloc(200_000) } },
  });
  expect(form.status()).toBe(413);
  expect(form.headers()["x-error-code"]).toBe("PAYLOAD_TOO_LARGE");

  const headers = {
    "next-action": serverActionId("listConversations"),
    "content-type": "text/plain;charset=UTF-8",
    accept: "text/x-component",
    origin: APP_URL,
  };
  const large = JSON.stringify([Array.from({ length: 20_000 }, () => crypto.randomUUID())]);
  for (const prefetch of [{ "next-router-prefetch": "1" }, { purpose: "prefetch" }] as Record<string, string>[]) {
    const prefetched = await request.post("/", { headers: { ...headers, ...prefetch }, data: large });
    expect(prefetched.status()).toBe(413);
    expect(await prefetched.text()).toBe("The request is larger than the limit of 128 KB.");
  }
});
