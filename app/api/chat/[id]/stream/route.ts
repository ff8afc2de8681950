import { createUIMessageStreamResponse } from "ai";
import { followLatestReply } from "@/lib/conversations/turn/follow-reply";
import { conversationRoute } from "@/lib/http/conversation-route";

/** Resumes the reply being generated for this conversation (useChat's resumeStream); 204 when none is. */
export const GET = conversationRoute(async (id, request) => {
  const stream = await followLatestReply(id, request.signal);
  return stream ? createUIMessageStreamResponse({ stream }) : new Response(null, { status: 204 });
});
