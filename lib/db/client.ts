import "server-only";
import pg from "pg";
import { env } from "../env";

const globalForDb = globalThis as unknown as { memoryChatPool?: pg.Pool };

function createPool(): pg.Pool {
  const { DATABASE_URL: url, DATABASE_POOL_SIZE: max } = env();
  if (!url) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide it.");
  }
  // A database that cannot be reached fails a request within seconds instead of leaving it hanging.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.warn(`[db] Idle connection lost: ${error.message}`));
  // Nor one that loses it while checked out between two statements (a transaction waiting on the
  // app): its next statement fails instead, and the request ends as DATABASE_UNAVAILABLE.
  pool.on("connect", (client) => client.on("error", (error) => console.warn(`[db] Connection lost while in use: ${error.message}`)));
  return pool;
}

/**
 * The process's one connection pool, kept on globalThis so dev-mode reloads reuse it. Every
 * statement goes through it from lib/db/queries, as a named constant.
 */
export function pool(): pg.Pool {
  globalForDb.memoryChatPool ??= createPool();
  return globalForDb.memoryChatPool;
}
