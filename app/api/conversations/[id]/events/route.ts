import { z } from "zod";
import { conversationChangesStream } from "@/lib/conversations/changes-stream";
import { MAX_POSITION } from "@/lib/conversations/inputs";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { conversationRoute } from "@/lib/http/conversation-route";
import { endWhenUnread } from "@/lib/http/stream-budget";
import { enforceLiveViewLimits, requestClient } from "@/lib/limits/enforce-limits";
import { takeStreamSlot } from "@/lib/limits/open-streams";

/** The position of the last message the tab has; absent: it has none. */
const afterSchema = z.coerce.number().int().min(0).max(MAX_POSITION).default(0);

/** Server-sent events for one conversation: messages added, growing and ending, so other tabs stay current. */
export const GET = conversationRoute(async (id, request) => {
  const after = afterSchema.safeParse(new URL(request.url).searchParams.get("after") ?? undefined);
  if (!after.success) throw new AppError("BAD_REQUEST", "after must be a message position.");
  const client = requestClient(request);
  // The slot first: a refused stream starts no watch and reads nothing, and costs no limiter statement.
  const hold = takeStreamSlot(client, env().LIMIT_OPEN_STREAMS_PER_CLIENT, request.signal);
  await enforceLiveViewLimits(client).catch((error: unknown) => {
    // A refused view gives its slot back (holding an empty stream and cancelling it releases it).
    void hold(new ReadableStream()).cancel();
    throw error;
  });
  return new Response(endWhenUnread(hold(conversationChangesStream(id, after.data, request.signal)), request), {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
  });
});
