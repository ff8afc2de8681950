import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { proxy } from "@/proxy";

// The e2e suite runs with FRAME_ANCESTORS set (it frames the app on purpose); the default is here.
describe("a page's headers by default", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("forbid every frame, also for browsers that predate frame-ancestors", () => {
    vi.stubEnv("FRAME_ANCESTORS", "");
    const response = proxy(new NextRequest("http://localhost/c/6f1c2b1e-3f0a-4d6b-9a52-3c1f4e2d8a10"));
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("let the configured origins frame the app, and then send no X-Frame-Options", () => {
    vi.stubEnv("FRAME_ANCESTORS", "https://intranet.example.com");
    const response = proxy(new NextRequest("http://localhost/"));
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors https://intranet.example.com");
    expect(response.headers.get("x-frame-options")).toBeNull();
  });
});

describe("a busy server", () => {
  it("answers 503 BUSY with Retry-After, and logs it once as such", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = errorResponse(new AppError("BUSY", undefined, { retryAfterSeconds: 2 }));
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("2");
      expect(await response.json()).toMatchObject({
        error: { code: "BUSY", message: "The server is busy. Try again in a moment.", retryAfter: 2 },
      });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/^\[http\] BUSY/);
      expect(error).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });
});
