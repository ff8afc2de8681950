import { stopReplies } from "@/lib/conversations/turn/reply-run";
import { conversationRoute } from "@/lib/http/conversation-route";

/** Stop: ends the conversation's reply in progress, whichever instance generates it. */
export const POST = conversationRoute(async (id) => Response.json({ stopped: await stopReplies(id) }));
