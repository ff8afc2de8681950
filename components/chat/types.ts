import type { UIMessage } from "ai";
import type { MessageView } from "@/lib/conversations/views";

/** A chat message in the browser: the AI SDK's UIMessage, with the stored status when it is not complete. */
export type ChatMessage = UIMessage<{ status?: MessageView["status"] }>;

export function toChatMessage(message: MessageView): ChatMessage {
  return {
    id: message.id,
    role: message.role,
    parts: [{ type: "text", text: message.content }],
    metadata: message.status === "complete" ? undefined : { status: message.status },
  };
}

export const messageText = (message: ChatMessage) =>
  message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
