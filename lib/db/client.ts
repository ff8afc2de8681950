import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "../env";
import { PrismaClient } from "./generated/client";

interface Clients {
  pool: pg.Pool;
  prisma: PrismaClient;
}

const globalForDb = globalThis as unknown as { memoryChatDb?: Clients };

function createClients(): Clients {
  const { DATABASE_URL: url, DATABASE_POOL_SIZE: max } = env();
  if (!url) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide it.");
  }
  // A database that cannot be reached fails a request within seconds instead of leaving it hanging.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.warn(`[db] Idle connection lost: ${error.message}`));
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

function clients(): Clients {
  globalForDb.memoryChatDb ??= createClients();
  return globalForDb.memoryChatDb;
}

/** The one Prisma client of the process; kept on globalThis so dev-mode reloads reuse its pool. */
export const db = (): PrismaClient => clients().prisma;

/**
 * The same connection pool, for the hand-written statements of a chat turn and of memory updates,
 * where Prisma's per-query overhead would be a third of the turn's cost (see bench/).
 */
export const pool = (): pg.Pool => clients().pool;
