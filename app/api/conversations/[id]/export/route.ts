import { z } from "zod";
import { exportResponse } from "@/lib/conversations/export-stream";
import { AppError } from "@/lib/errors";
import { conversationRoute } from "@/lib/http/conversation-route";

const formatSchema = z.enum(["md", "json"]).default("md");

/** The conversation as Markdown or as JSON (which the import reads back), streamed a batch at a time. */
export const GET = conversationRoute(async (id, request) => {
  const format = formatSchema.safeParse(new URL(request.url).searchParams.get("format") ?? undefined);
  if (!format.success) throw new AppError("BAD_REQUEST", "format must be md or json.");
  return exportResponse(id, format.data);
});
