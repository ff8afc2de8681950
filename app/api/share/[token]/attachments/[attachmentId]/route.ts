import { z } from "zod";
import { serveSharedAttachment } from "@/lib/attachments/serve-attachment";
import { shareTokenSchema } from "@/lib/conversations/inputs";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { refuseCrossSite } from "@/lib/http/same-origin";

const paramsSchema = z.object({ token: shareTokenSchema, attachmentId: z.uuid().transform((id) => id.toLowerCase()) });

/** A file of a shared conversation, for whoever holds the link: served as the conversation's own are (lib/attachments/serve-attachment.ts). */
export async function GET(request: Request, context: { params: Promise<{ token: string; attachmentId: string }> }): Promise<Response> {
  try {
    refuseCrossSite(request);
    const params = paramsSchema.safeParse(await context.params);
    if (!params.success) throw new AppError("ATTACHMENT_NOT_FOUND");
    return await serveSharedAttachment(params.data.token, params.data.attachmentId, request);
  } catch (error) {
    return errorResponse(error);
  }
}
