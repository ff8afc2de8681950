import { createUIMessageStreamResponse } from "ai";
import { followLatestReply } from "@/lib/conversations/turn/follow-reply";
import { env } from "@/lib/env";
import { conversationRoute } from "@/lib/http/conversation-route";
import { requestClient } from "@/lib/limits/enforce-limits";
import { holdStreamSlot } from "@/lib/limits/open-streams";

/** Resumes the reply being generated for this conversation (useChat's resumeStream); 204 when none is. */
export const GET = conversationRoute(async (id, request) => {
  const stream = await followLatestReply(id, request.signal);
  if (!stream) return new Response(null, { status: 204 });
  const held = holdStreamSlot(requestClient(request), env().LIMIT_OPEN_STREAMS_PER_CLIENT, request.signal, stream);
  return createUIMessageStreamResponse({ stream: held });
});
