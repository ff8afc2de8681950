import { subscribe } from "@/lib/conversations/events";
import { conversationIdSchema } from "@/lib/conversations/inputs";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";

const KEEPALIVE_MS = 15_000;

/** Server-sent events for one conversation (new turns, finished replies), so other tabs stay current. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = conversationIdSchema.safeParse((await context.params).id);
  if (!id.success) return errorResponse(new AppError("INVALID_ID"));
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = subscribe((event) => {
        if (event.conversationId === id.data && event.kind !== "delta") send(`data: ${JSON.stringify(event)}\n\n`);
      });
      const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(keepalive);
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      send(": connected\n\n");
    },
    cancel: () => cleanup(),
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
  });
}
