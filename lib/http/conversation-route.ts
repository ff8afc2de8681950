import { z } from "zod";
import { conversationIdSchema } from "../conversations/inputs";
import { AppError } from "../errors";
import { errorResponse } from "./error-response";
import { refuseCrossSite, requireContentType } from "./same-origin";

interface ConversationContext<P> {
  params: Promise<{ id: string } & P>;
}

/** What a write under a conversation must declare its body as: JSON, or a file's bytes (an upload). */
export type RouteBody = "json" | "bytes";

/**
 * A route under a conversation id: requests from another origin, and writes whose body is not
 * declared as `body` says, are refused, the id is validated and every failure answered as a typed
 * error, here once.
 */
export function conversationRoute(handler: (id: string, request: Request) => Promise<Response>, body: RouteBody = "json") {
  return async (request: Request, context: ConversationContext<object>): Promise<Response> => {
    try {
      // Reads too: a page elsewhere could otherwise hold a visitor's live views or spend their previews.
      refuseCrossSite(request);
      if (request.method !== "GET" && request.method !== "HEAD") requireContentType(request, body);
      const id = conversationIdSchema.safeParse((await context.params).id);
      if (!id.success) throw new AppError("INVALID_ID");
      return await handler(id.data, request);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const attachmentIdSchema = z.uuid().transform((id) => id.toLowerCase());

/** A route under one attachment of a conversation: as conversationRoute, with the attachment's id validated too. */
export function attachmentRoute(handler: (id: string, attachmentId: string, request: Request) => Promise<Response>) {
  return async (request: Request, context: ConversationContext<{ attachmentId: string }>): Promise<Response> => {
    const attachmentId = attachmentIdSchema.safeParse((await context.params).attachmentId);
    return conversationRoute(async (id) => {
      if (!attachmentId.success) throw new AppError("ATTACHMENT_NOT_FOUND");
      return handler(id, attachmentId.data, request);
    })(request, context);
  };
}
