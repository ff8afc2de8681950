import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { ACTION_BODY_MAX_BYTES } from "@/lib/http/action-body";
import { config, proxy } from "@/proxy";

// A server action over its body limit: Next.js would answer the ApiError(413) it throws while decoding
// as a logged 500, so the proxy refuses it first. The real server's answer is in e2e/action-body-limit.spec.ts.
const action = (body: BodyInit, headers: Record<string, string>) =>
  proxy(
    new NextRequest("http://localhost/", {
      method: "POST",
      headers: { "next-action": "7f00", ...headers },
      body,
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]),
  );

describe("a server action's body", () => {
  it("is limited in one place, which next.config.js reads too", async () => {
    const configFile = "../../next.config.js";
    const config = (await import(configFile)).default as { experimental: { serverActions: { bodySizeLimit: number } } };
    expect(config.experimental.serverActions.bodySizeLimit).toBe(ACTION_BODY_MAX_BYTES);
    expect(ACTION_BODY_MAX_BYTES).toBe(131_072);
  });

  it("over the limit gets 413 PAYLOAD_TOO_LARGE, as text the action client shows, before Next.js reads it; at it, it goes on", async () => {
    const size = ACTION_BODY_MAX_BYTES + 1;
    const response = action("x".repeat(size), { "content-length": String(size) });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(response.headers.get("x-error-code")).toBe("PAYLOAD_TOO_LARGE");
    expect(await response.text()).toBe("The request is larger than the limit of 128 KB.");

    // At the limit, and any other request, it goes on to the page with its headers.
    const atLimit = action("x".repeat(ACTION_BODY_MAX_BYTES), { "content-length": String(ACTION_BODY_MAX_BYTES) });
    expect(atLimit.headers.get("x-middleware-next")).toBe("1");
    const form = proxy(new NextRequest("http://localhost/", { method: "POST", body: "x".repeat(200_000) }));
    expect(form.headers.get("x-middleware-next")).toBe("1");
    expect(proxy(new NextRequest("http://localhost/")).headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("of undeclared length (chunked) gets 411 LENGTH_REQUIRED: a browser always declares it", async () => {
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("[1]"));
        controller.close();
      },
    });
    const response = action(chunked, {});
    expect(response.status).toBe(411);
    expect(response.headers.get("x-error-code")).toBe("LENGTH_REQUIRED");
    expect(await response.text()).toBe("Send the request with its length (Content-Length).");
  });
});

/** A POST to a page with `headers` and a body of `size` bytes, declared unless `declared` is false. */
const post = (size: number, headers: Record<string, string>, declared = true) =>
  proxy(
    new NextRequest("http://localhost/c/1", {
      method: "POST",
      headers: { ...headers, ...(declared && { "content-length": String(size) }) },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new Uint8Array(size));
          controller.close();
        },
      }),
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]),
  );

describe("what Next.js may decode as a server action", () => {
  // Next.js takes any multipart form POST for a form's action (getServerActionRequestMetadata), Next-Action header or not.
  it("a multipart form POST without a Next-Action header is held to the same limit and needs its length", async () => {
    const form = { "content-type": "multipart/form-data; boundary=----x" };
    const over = post(ACTION_BODY_MAX_BYTES + 1, form);
    expect(over.status).toBe(413);
    expect(over.headers.get("x-error-code")).toBe("PAYLOAD_TOO_LARGE");
    expect(post(ACTION_BODY_MAX_BYTES + 1, { "content-type": "Multipart/Form-Data; boundary=x" }).status).toBe(413);
    expect(post(10, form, false).status).toBe(411);
    expect(post(ACTION_BODY_MAX_BYTES, form).headers.get("x-middleware-next")).toBe("1");
    // A body Next.js does not decode as an action goes on, whatever its size.
    expect(post(ACTION_BODY_MAX_BYTES + 1, { "content-type": "application/x-www-form-urlencoded" }).headers.get("x-middleware-next")).toBe(
      "1",
    );
  });

  it("an action posted with a prefetch header still goes through the proxy and its check; a prefetch (a GET) gets the page's policy", async () => {
    for (const prefetch of [{ "next-router-prefetch": "1" }, { purpose: "prefetch" }] as Record<string, string>[]) {
      const headers = { "next-action": "7f00", ...prefetch };
      expect(unstable_doesMiddlewareMatch({ config, url: "/c/1", headers })).toBe(true);
      expect(post(ACTION_BODY_MAX_BYTES + 1, headers).status).toBe(413);
      const page = proxy(new NextRequest("http://localhost/c/1", { headers: prefetch }));
      expect(page.headers.get("x-middleware-next")).toBe("1");
      // A prefetched document is the page the browser shows later.
      expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
    }
    // API routes and static files are still left out.
    expect(unstable_doesMiddlewareMatch({ config, url: "/api/conversations/1/events" })).toBe(false);
    expect(unstable_doesMiddlewareMatch({ config, url: "/_next/static/chunks/a.js" })).toBe(false);
    expect(unstable_doesMiddlewareMatch({ config, url: "/" })).toBe(true);
  });
});
