import "server-only";
import os from "node:os";

/** This app instance, stable across restarts on the same host and port (Next sets PORT). */
export function instanceId(): string {
  return `${os.hostname()}:${process.env.PORT ?? "0"}`;
}
