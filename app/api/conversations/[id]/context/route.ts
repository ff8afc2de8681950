import { z } from "zod";
import { getPromptContext, type PreviewFiles } from "@/lib/conversations/prompt-context";
import { parseMessageText } from "@/lib/conversations/turn/chat-request";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { conversationRoute } from "@/lib/http/conversation-route";
import { enforcePreviewLimits, requestClient } from "@/lib/limits/enforce-limits";
import { memoryIdOf, otherChatsOf } from "@/lib/saved-memories/memory-header";

/**
 * What the assistant sees: exactly what the model would receive if `message` were sent next (with the
 * draft's files, or a stored message's: `draft=1`, `of=<message id>`). With
 * memory across chats, the browser's memory id comes in the X-Memory-Id header (kept out of URLs and logs),
 * and X-Other-Chats: off when recall must not search its other chats.
 */
export const GET = conversationRoute(async (id, request) => {
  const params = new URL(request.url).searchParams;
  const text = parseMessageText(params.get("message") ?? "", env().MESSAGE_MAX_CHARS);
  const files = previewFiles(params);
  const memoryId = memoryIdOf(request);
  await enforcePreviewLimits(requestClient(request), text);
  return Response.json(await getPromptContext(id, text, memoryId, otherChatsOf(request), files));
});

const messageIdSchema = z.uuid().transform((messageId) => messageId.toLowerCase());

/** `draft=1`: with the files waiting in the composer; `of=<message id>`: with that stored message's files. */
function previewFiles(params: URLSearchParams): PreviewFiles {
  if (params.get("draft") === "1") return { draft: true };
  const of = params.get("of");
  if (of === null) return null;
  const messageId = messageIdSchema.safeParse(of);
  if (!messageId.success) throw new AppError("BAD_REQUEST", "of must be a message id.");
  return { messageId: messageId.data };
}
