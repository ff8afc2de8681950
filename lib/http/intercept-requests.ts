import "server-only";
import http from "node:http";

type RequestHook = (request: http.IncomingMessage, response: http.ServerResponse) => void;

const PATCHED = Symbol.for("memory-chat.intercept-requests");
const shared = globalThis as unknown as { memoryChatRequestHooks?: Set<RequestHook> };
shared.memoryChatRequestHooks ??= new Set();
const hooks = shared.memoryChatRequestHooks;

/**
 * Runs `hook` on every request this process's HTTP servers receive, before Next.js sees it. Next.js
 * gives a route a web Request only, never the socket or the Node response behind it; the one place
 * to reach those is the server's "request" event, patched once here for every hook.
 */
export function interceptRequests(hook: RequestHook): void {
  hooks.add(hook);
  const proto = http.Server.prototype as http.Server & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  proto[PATCHED] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") for (const run of hooks) run(args[0] as http.IncomingMessage, args[1] as http.ServerResponse);
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
