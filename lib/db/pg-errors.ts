interface DriverCause {
  originalCode?: string;
  kind?: string;
  constraint?: { index?: string };
}

/** The PostgreSQL-level cause Prisma's driver adapter attaches to a failed query. */
function driverCause(error: unknown): DriverCause | undefined {
  return (error as { meta?: { driverAdapterError?: { cause?: DriverCause } } })?.meta?.driverAdapterError?.cause;
}

/** A unique violation on `index`, as raised through Prisma or straight from pg. */
export function isUniqueViolation(error: unknown, index: string): boolean {
  const cause = driverCause(error);
  if (cause) return cause.originalCode === "23505" && cause.constraint?.index === index;
  const direct = error as { code?: unknown; constraint?: unknown } | null;
  return direct?.code === "23505" && direct.constraint === index;
}

const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);
// admin_shutdown, crash_shutdown, cannot_connect_now, connection failures
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"]);
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"]);

/** Whether a failure means the database cannot be reached right now, as opposed to a bad query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const failure = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown } | null;
  const cause = driverCause(error);
  return (
    (typeof failure?.code === "string" &&
      (UNAVAILABLE_PRISMA_CODES.has(failure.code) ||
        UNAVAILABLE_NODE_CODES.has(failure.code) ||
        UNAVAILABLE_SQLSTATES.has(failure.code))) ||
    (typeof failure?.cause?.code === "string" && UNAVAILABLE_NODE_CODES.has(failure.cause.code)) ||
    (cause?.kind !== undefined && UNAVAILABLE_KINDS.has(cause.kind)) ||
    (cause?.originalCode !== undefined && UNAVAILABLE_SQLSTATES.has(cause.originalCode)) ||
    /Connection terminated|connect ECONNREFUSED|Can't reach database server|Unable to start a transaction/i.test(
      String(failure?.message ?? ""),
    )
  );
}

/** pg-pool gave up waiting for a free connection: the database is fine, this process is busy. */
export function isPoolExhausted(error: unknown): boolean {
  return /timeout exceeded when trying to connect/i.test(String((error as { message?: unknown } | null)?.message ?? ""));
}
