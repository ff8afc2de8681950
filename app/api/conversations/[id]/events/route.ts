import { z } from "zod";
import { conversationChangesStream } from "@/lib/conversations/changes-stream";
import { MAX_POSITION } from "@/lib/conversations/inputs";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { conversationRoute } from "@/lib/http/conversation-route";
import { requestClient } from "@/lib/limits/enforce-limits";
import { takeStreamSlot } from "@/lib/limits/open-streams";

/** The position of the last message the tab has; absent: it has none. */
const afterSchema = z.coerce.number().int().min(0).max(MAX_POSITION).default(0);

/** Server-sent events for one conversation: messages added, growing and ending, so other tabs stay current. */
export const GET = conversationRoute(async (id, request) => {
  const after = afterSchema.safeParse(new URL(request.url).searchParams.get("after") ?? undefined);
  if (!after.success) throw new AppError("BAD_REQUEST", "after must be a message position.");
  // The slot first: a refused stream starts no watch and reads nothing.
  const hold = takeStreamSlot(requestClient(request), env().LIMIT_OPEN_STREAMS_PER_CLIENT, request.signal);
  return new Response(hold(conversationChangesStream(id, after.data, request.signal)), {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
  });
});
