import { conversationIdSchema } from "../conversations/inputs";
import { AppError } from "../errors";
import { errorResponse } from "./error-response";
import { refuseCrossSite, requireJsonContentType } from "./same-origin";

interface ConversationContext {
  params: Promise<{ id: string }>;
}

/**
 * A route under a conversation id: requests from another origin, and writes not declared as JSON, are refused, the id is validated and every
 * failure answered as a typed error, here once.
 */
export function conversationRoute(handler: (id: string, request: Request) => Promise<Response>) {
  return async (request: Request, context: ConversationContext): Promise<Response> => {
    try {
      // Reads too: a page elsewhere could otherwise hold a visitor's live views or spend their previews.
      refuseCrossSite(request);
      if (request.method !== "GET" && request.method !== "HEAD") requireJsonContentType(request);
      const id = conversationIdSchema.safeParse((await context.params).id);
      if (!id.success) throw new AppError("INVALID_ID");
      return await handler(id.data, request);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
