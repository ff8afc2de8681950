import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/bench/ceiling/route";
import { setUpAppDatabase } from "../support/app-database";

setUpAppDatabase();

describe("the benchmark's ceiling route", () => {
  it("does not exist unless BENCH_CEILING=1: a plain 404, nothing streamed", async () => {
    const response = await POST(
      new Request("http://localhost/api/bench/ceiling", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: "x", message: { role: "user", parts: [{ type: "text", text: "hello" }] } }),
      }),
    );
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("");
  });
});
