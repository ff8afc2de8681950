import "server-only";
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { interceptRequests } from "./intercept-requests";

// A route handler sees a web Request, never the Node response it is answered on, and Next.js's pipe
// cannot end a response whose socket stays full (stream-budget.ts): its pending write waits for a
// 'drain' that a client reading nothing never sends, and an abort waits for that write. So each GET
// is given an id in a header as it arrives, and a stream that gives up on its client destroys the
// response by that id.

const HEADER = "x-memory-chat-response";
const shared = globalThis as unknown as { memoryChatResponses?: Map<string, http.ServerResponse> };
shared.memoryChatResponses ??= new Map();
const responses = shared.memoryChatResponses;

function track(request: http.IncomingMessage, response: http.ServerResponse): void {
  // Whatever the client sent under this name is replaced: it cannot name another's response.
  delete request.headers[HEADER];
  if (request.method !== "GET") return;
  const id = randomUUID();
  request.headers[HEADER] = id;
  responses.set(id, response);
  response.once("close", () => responses.delete(id));
}

/** At start-up (instrumentation.ts): every GET this process serves can be closed by its request (closeConnection). */
export function trackOpenResponses(): void {
  interceptRequests(track);
}

/** Destroys the connection `request` is being answered on (nothing when it is not tracked). */
export function closeConnection(request: Request): void {
  const id = request.headers.get(HEADER);
  if (id) responses.get(id)?.destroy();
}
