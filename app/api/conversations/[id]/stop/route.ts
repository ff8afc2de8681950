import { stopInputSchema } from "@/lib/conversations/inputs";
import { stopReplies } from "@/lib/conversations/turn/reply-run";
import { AppError } from "@/lib/errors";
import { conversationRoute } from "@/lib/http/conversation-route";
import { readJsonBody } from "@/lib/http/read-json";
import { enforceStopLimits, requestClient } from "@/lib/limits/enforce-limits";

/** A reply id and its JSON punctuation: nothing longer is a Stop. */
const MAX_STOP_BYTES = 256;

/**
 * Stop: ends a reply in progress, whichever instance generates it. With `{"reply": id}`, that reply
 * alone; with no body, every reply streaming in the conversation.
 */
export const POST = conversationRoute(async (id, request) => {
  const body = await readJsonBody(request, MAX_STOP_BYTES, { optional: true });
  const input = body === undefined ? undefined : stopInputSchema.safeParse(body);
  if (input && !input.success) throw new AppError("INVALID_ID", "The reply to stop must be a reply id (a UUID).");
  // Counted once the request is understood and before anything is written: each Stop notifies every instance.
  await enforceStopLimits(requestClient(request));
  return Response.json({ stopped: await stopReplies(id, input?.data.reply) });
});
