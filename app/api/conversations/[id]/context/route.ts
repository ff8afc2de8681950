import { getPromptContext } from "@/lib/conversations/prompt-context";
import { parseMessageText } from "@/lib/conversations/turn/chat-request";
import { env } from "@/lib/env";
import { conversationRoute } from "@/lib/http/conversation-route";
import { enforcePreviewLimits, requestClient } from "@/lib/limits/enforce-limits";
import { memoryIdOf, otherChatsOf } from "@/lib/saved-memories/memory-header";

/**
 * What the assistant sees: exactly what the model would receive if `message` were sent next. With
 * memory across chats, the browser's memory id comes in the X-Memory-Id header (kept out of URLs and logs),
 * and X-Other-Chats: off when recall must not search its other chats.
 */
export const GET = conversationRoute(async (id, request) => {
  const text = parseMessageText(new URL(request.url).searchParams.get("message") ?? "", env().MESSAGE_MAX_CHARS);
  const memoryId = memoryIdOf(request);
  await enforcePreviewLimits(requestClient(request), text);
  return Response.json(await getPromptContext(id, text, memoryId, otherChatsOf(request)));
});
