import "server-only";
import http from "node:http";

const STAMPED = Symbol.for("memory-chat.stamped-socket-address");

/**
 * With no trusted proxy, X-Forwarded-For is whatever the client wrote, and Next.js fills it from the
 * socket only when it is absent. So every request's header is replaced by the socket's address
 * before Next.js sees it; lib/limits/client-address.ts then reads one true address.
 */
export function stampSocketAddress(): void {
  const proto = http.Server.prototype as http.Server & { [STAMPED]?: true };
  if (proto[STAMPED]) return;
  proto[STAMPED] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "unknown";
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
