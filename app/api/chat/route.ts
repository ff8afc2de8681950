import { createUIMessageStreamResponse } from "ai";
import { parseChatRequest } from "@/lib/conversations/turn/chat-request";
import { startChatTurn } from "@/lib/conversations/turn/chat-turn";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json";
import { refuseCrossSite } from "@/lib/http/same-origin";
import { requestClient } from "@/lib/limits/enforce-limits";

/** A chat turn: lib/conversations/turn/chat-turn.ts lists its steps and where each one lives. */
export async function POST(request: Request): Promise<Response> {
  try {
    refuseCrossSite(request);
    const config = env();
    const chatRequest = parseChatRequest(await readJsonBody(request, config.REQUEST_MAX_BYTES), config.MESSAGE_MAX_CHARS);
    const stream = await startChatTurn(chatRequest, { signal: request.signal, client: requestClient(request) });
    return createUIMessageStreamResponse({ stream });
  } catch (error) {
    return errorResponse(error);
  }
}
