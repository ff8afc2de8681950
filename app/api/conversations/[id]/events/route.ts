import { conversationChangesStream } from "@/lib/conversations/changes-stream";
import { conversationRoute } from "@/lib/http/conversation-route";

/** Server-sent events for one conversation: messages added, growing and ending, so other tabs stay current. */
export const GET = conversationRoute(
  async (id, request) =>
    new Response(conversationChangesStream(id, request.signal), {
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
    }),
);
