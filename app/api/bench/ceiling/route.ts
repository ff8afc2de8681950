import { createUIMessageStream, createUIMessageStreamResponse } from "ai";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json";
import { refuseCrossSite } from "@/lib/http/same-origin";

/**
 * About the offline model's reply to a benchmark turn (330 characters), in one delta: at 0 ms a token
 * a turn's tokens arrive together and leave in one frame (stream-reply.ts), so this is its shape too.
 */
const REPLY = Array.from({ length: 54 }, (_, i) => (i === 0 ? "Offline model. " : `word${i} `).padEnd(6, " ")).join("");

/**
 * The framework's ceiling for a turn (bench scenario 13): what a turn costs without the app. It does
 * what the chat route does around a turn (the cross-site check, a bounded JSON body, an AI SDK UI
 * message stream of a reply the size of a turn's) and nothing else: no database, no model, no memory.
 * Off unless BENCH_CEILING=1: otherwise it answers 404 like any unknown path.
 */
export async function POST(request: Request): Promise<Response> {
  const config = env();
  if (config.BENCH_CEILING !== "1") return new Response(null, { status: 404 });
  try {
    refuseCrossSite(request);
    await readJsonBody(request, config.REQUEST_MAX_BYTES);
    const stream = createUIMessageStream({
      execute: ({ writer }) => {
        const id = crypto.randomUUID();
        writer.write({ type: "start", messageId: id });
        writer.write({ type: "text-start", id });
        writer.write({ type: "text-delta", id, delta: REPLY });
        writer.write({ type: "text-end", id });
        writer.write({ type: "finish" });
      },
    });
    return createUIMessageStreamResponse({ stream });
  } catch (error) {
    return errorResponse(error);
  }
}
