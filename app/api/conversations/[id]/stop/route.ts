import { stopReplies } from "@/lib/conversations/generation";
import { conversationIdSchema } from "@/lib/conversations/inputs";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";

/** Stop: ends the conversation's reply in progress, whichever instance generates it. */
export async function POST(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const id = conversationIdSchema.safeParse((await context.params).id);
    if (!id.success) throw new AppError("INVALID_ID");
    return Response.json({ stopped: await stopReplies(id.data) });
  } catch (error) {
    return errorResponse(error);
  }
}
