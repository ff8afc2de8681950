import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/chat/route";
import { toAppError } from "@/lib/errors";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, readTurn } from "../support/chat";

const database = setUpAppDatabase();

afterEach(() => vi.restoreAllMocks());

describe("failures that are not the database's", () => {
  it("a client that goes away mid-upload gets 400, and nothing says the database is down", async () => {
    const warn = vi.spyOn(console, "warn");
    const error = vi.spyOn(console, "error");
    const half = JSON.stringify(chatBody(randomUUID(), "x".repeat(10_000))).slice(0, 5_000);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(half));
        // What undici reports when the socket closes before the body ends.
        controller.error(Object.assign(new TypeError("terminated"), { cause: { code: "ECONNRESET" } }));
      },
    });
    const response = await POST(
      new Request("http://localhost/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(await readTurn(response)).toMatchObject({
      status: 400,
      error: { code: "BAD_REQUEST", message: "The request body did not arrive completely." },
    });
    expect([...warn.mock.calls, ...error.mock.calls].flat().join(" ")).not.toContain("DATABASE_UNAVAILABLE");
  });

  it("waiting too long for a pooled connection is BUSY (503, Retry-After), not DATABASE_UNAVAILABLE", async () => {
    const pool = new pg.Pool({ connectionString: database.url(), max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    try {
      const failure = await pool.query("SELECT 1").catch((caught: unknown) => caught);
      const appError = toAppError(failure);
      expect(appError).toMatchObject({ code: "BUSY", status: 503, retryAfterSeconds: 2 });
    } finally {
      held.release();
      await pool.end();
    }
  });
});
