import { z } from "zod";
import { exportArchiveResponse } from "@/lib/conversations/export-archive";
import { exportResponse } from "@/lib/conversations/export-stream";
import { AppError } from "@/lib/errors";
import { conversationRoute } from "@/lib/http/conversation-route";
import { endWhenUnreadResponse } from "@/lib/http/stream-budget";
import { enforceExportLimits, requestClient } from "@/lib/limits/enforce-limits";

const formatSchema = z.enum(["md", "json", "zip"]).default("md");

/** The conversation as Markdown, as JSON, or as a zip of its JSON and files (which the import reads back), streamed a batch at a time. */
export const GET = conversationRoute(async (id, request) => {
  const format = formatSchema.safeParse(new URL(request.url).searchParams.get("format") ?? undefined);
  if (!format.success) throw new AppError("BAD_REQUEST", "format must be md, json or zip.");
  // Counted before anything is read: each export reads the whole conversation.
  await enforceExportLimits(requestClient(request));
  const response = format.data === "zip" ? await exportArchiveResponse(id) : await exportResponse(id, format.data);
  return endWhenUnreadResponse(response, request);
});
