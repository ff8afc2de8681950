import { z } from "zod";
import { exportFileName, toMarkdown } from "@/lib/conversations/export-format";
import { conversationIdSchema } from "@/lib/conversations/inputs";
import { exportConversation } from "@/lib/conversations/read";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";

const formatSchema = z.enum(["md", "json"]).default("md");

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const id = conversationIdSchema.safeParse((await context.params).id);
    if (!id.success) throw new AppError("INVALID_ID");
    const format = formatSchema.safeParse(new URL(request.url).searchParams.get("format") ?? undefined);
    if (!format.success) throw new AppError("BAD_REQUEST", "format must be md or json.");
    const data = await exportConversation(id.data);
    const disposition = `attachment; filename="${exportFileName(data, format.data)}"`;
    return format.data === "json"
      ? new Response(JSON.stringify(data, null, 2), {
          headers: { "content-type": "application/json; charset=utf-8", "content-disposition": disposition },
        })
      : new Response(toMarkdown(data), {
          headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": disposition },
        });
  } catch (error) {
    return errorResponse(error);
  }
}
