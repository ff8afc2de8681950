import { z } from "zod";
import { exportFileName, toMarkdown } from "@/lib/conversations/export-format";
import { exportConversation } from "@/lib/conversations/read";
import { AppError } from "@/lib/errors";
import { conversationRoute } from "@/lib/http/conversation-route";

const formatSchema = z.enum(["md", "json"]).default("md");

export const GET = conversationRoute(async (id, request) => {
  const format = formatSchema.safeParse(new URL(request.url).searchParams.get("format") ?? undefined);
  if (!format.success) throw new AppError("BAD_REQUEST", "format must be md or json.");
  const data = await exportConversation(id);
  const disposition = `attachment; filename="${exportFileName(data, format.data)}"`;
  return format.data === "json"
    ? new Response(JSON.stringify(data, null, 2), {
        headers: { "content-type": "application/json; charset=utf-8", "content-disposition": disposition },
      })
    : new Response(toMarkdown(data), {
        headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": disposition },
      });
});
