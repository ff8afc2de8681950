import { randomUUID } from "node:crypto";
import type { UIMessageChunk } from "ai";
import { POST } from "@/app/api/chat/route";

export interface TurnResult {
  status: number;
  chunks: UIMessageChunk[];
  text: string;
  /** The typed error: from a JSON error response, or from the stream's error chunk. */
  error?: { code: string; message: string };
}

export function chatBody(conversationId: string, text: string, messageId: string = randomUUID()) {
  return { id: conversationId, message: { id: messageId, role: "user", parts: [{ type: "text", text }] } };
}

/** Reads an AI SDK UI message stream (server-sent events) to the end. */
export async function readTurn(response: Response): Promise<TurnResult> {
  if (!response.headers.get("content-type")?.includes("text/event-stream")) {
    const body = (await response.json()) as { error: { code: string; message: string } };
    return { status: response.status, chunks: [], text: "", error: body.error };
  }
  const raw = await response.text();
  const chunks = raw
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => JSON.parse(line.slice(6)) as UIMessageChunk);
  const text = chunks.map((c) => (c.type === "text-delta" ? c.delta : "")).join("");
  const failure = chunks.find((c) => c.type === "error");
  return {
    status: response.status,
    chunks,
    text,
    error: failure && failure.type === "error" ? JSON.parse(failure.errorText) : undefined,
  };
}

/** POSTs to the real route handler, exactly as the browser would. */
export function postChat(body: unknown, init: { signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<Response> {
  return POST(
    new Request("http://localhost/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", ...init.headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
      signal: init.signal,
    }),
  );
}

export async function sendTurn(conversationId: string, text: string, messageId?: string): Promise<TurnResult> {
  return readTurn(await postChat(chatBody(conversationId, text, messageId)));
}
