import "server-only";
import type pg from "pg";
import { pool } from "./client";

/** Something that runs a query: the pool itself, or a connection inside a transaction. */
export type Queryable = Pick<pg.PoolClient, "query">;

/**
 * Runs `work` in one transaction on one pooled connection. A row lock not granted within 10 s fails
 * the transaction instead of letting requests queue behind it.
 */
export async function transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN; SET LOCAL lock_timeout = '10s'");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackFailed: Error) => {
      broken = rollbackFailed;
    });
    throw error;
  } finally {
    // A connection that could not roll back is closed rather than handed back mid-transaction.
    client.release(broken);
  }
}
