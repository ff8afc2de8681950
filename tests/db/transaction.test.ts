import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { transaction } from "@/lib/db/transaction";
import { setUpAppDatabase } from "../support/app-database";

setUpAppDatabase();

const exists = async (id: string) => (await pool().query(`SELECT 1 FROM "Conversation" WHERE id = $1`, [id])).rowCount === 1;

describe("transaction", () => {
  it("commits what the work wrote", async () => {
    const id = randomUUID();
    expect(
      await transaction(async (tx) => (await tx.query(`INSERT INTO "Conversation" (id) VALUES ($1) RETURNING id`, [id])).rows[0].id),
    ).toBe(id);
    expect(await exists(id)).toBe(true);
  });

  it("rolls back everything when the work throws, and hands back a clean connection", async () => {
    const id = randomUUID();
    const failing = transaction(async (tx) => {
      await tx.query(`INSERT INTO "Conversation" (id) VALUES ($1)`, [id]);
      throw new Error("changed my mind");
    });
    await expect(failing).rejects.toThrow("changed my mind");
    expect(await exists(id)).toBe(false);
    // Every pooled connection is outside a transaction again.
    const states = await Promise.all(Array.from({ length: 5 }, () => pool().query<{ state: string }>("SELECT 'ok' AS state")));
    expect(states.map((result) => result.rows[0].state)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    expect(pool().waitingCount).toBe(0);
  });

  it("rolls back a statement error and leaves no transaction open on the connection", async () => {
    await expect(transaction((tx) => tx.query("SELECT * FROM no_such_table"))).rejects.toThrow(/no_such_table/);
    const { rows } = await transaction((tx) => tx.query<{ open: string }>("SELECT current_setting('lock_timeout') AS open"));
    expect(rows[0].open).toBe("10s");
    expect((await pool().query<{ timeout: string }>("SELECT current_setting('lock_timeout') AS timeout")).rows[0].timeout).toBe("0");
  });

  it("survives its connection being cut between two statements: the work fails, the process does not", async () => {
    const id = randomUUID();
    const failing = transaction(async (tx) => {
      const { rows } = await tx.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      // Another connection ends this one while the work is between statements, as a server restart would.
      await pool().query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tx.query(`INSERT INTO "Conversation" (id) VALUES ($1)`, [id]);
    });
    await expect(failing).rejects.toThrow();
    expect(await exists(id)).toBe(false);
    expect((await pool().query<{ ok: number }>("SELECT 1 AS ok")).rows[0].ok).toBe(1);
  });
});
