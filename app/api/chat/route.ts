import { createUIMessageStreamResponse } from "ai";
import { chatModel } from "@/lib/ai/model";
import { parseChatRequest } from "@/lib/conversations/chat-request";
import { memoryLimits } from "@/lib/conversations/limits";
import { startTurn } from "@/lib/conversations/turn";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json";

export async function POST(request: Request): Promise<Response> {
  try {
    const config = env();
    const turn = parseChatRequest(await readJsonBody(request, config.REQUEST_MAX_BYTES), config.MESSAGE_MAX_CHARS);
    const stream = await startTurn(turn, request.signal, chatModel(), memoryLimits());
    return createUIMessageStreamResponse({ stream });
  } catch (error) {
    return errorResponse(error);
  }
}
