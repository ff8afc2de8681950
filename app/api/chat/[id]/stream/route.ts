import { createUIMessageStreamResponse } from "ai";
import { followLatestReply } from "@/lib/conversations/turn/follow-reply";
import { env } from "@/lib/env";
import { conversationRoute } from "@/lib/http/conversation-route";
import { endWhenUnreadResponse } from "@/lib/http/stream-budget";
import { enforceLiveViewLimits, requestClient } from "@/lib/limits/enforce-limits";
import { holdStreamSlot } from "@/lib/limits/open-streams";

/** Resumes the reply being generated for this conversation (useChat's resumeStream); 204 when none is. */
export const GET = conversationRoute(async (id, request) => {
  const client = requestClient(request);
  // Counted before anything is read: each costs a write and a read even when nothing streams.
  await enforceLiveViewLimits(client);
  const stream = await followLatestReply(id, request.signal);
  if (!stream) return new Response(null, { status: 204 });
  const held = holdStreamSlot(client, env().LIMIT_OPEN_STREAMS_PER_CLIENT, request.signal, stream);
  // The reply is pulled as the client reads (follow-reply.ts); a client that stops reading is let go.
  return endWhenUnreadResponse(createUIMessageStreamResponse({ stream: held }), request);
});
