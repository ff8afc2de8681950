import { createUIMessageStreamResponse } from "ai";
import { followLatestReply } from "@/lib/conversations/follow";
import { conversationIdSchema } from "@/lib/conversations/inputs";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";

/** Resumes the reply being generated for this conversation (useChat's resumeStream); 204 when none is. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const id = conversationIdSchema.safeParse((await context.params).id);
    if (!id.success) throw new AppError("INVALID_ID");
    const stream = await followLatestReply(id.data, request.signal);
    return stream ? createUIMessageStreamResponse({ stream }) : new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
