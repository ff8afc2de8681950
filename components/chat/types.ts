import type { UIMessage } from "ai";
import type { MessageView } from "@/lib/conversations/views";

/** A chat message in the browser: the AI SDK's UIMessage, with its stored position and status. */
export type ChatMessage = UIMessage<{ status?: MessageView["status"]; seq?: number }>;

export function toChatMessage(message: MessageView): ChatMessage {
  return {
    id: message.id,
    role: message.role,
    parts: [{ type: "text", text: message.content }],
    metadata: { seq: message.seq, ...(message.status !== "complete" && { status: message.status }) },
  };
}

/**
 * Stored messages as the chat starts from them. A reply still being generated is left out: resuming
 * the stream brings it back from its first character, and leaving it in would make the AI SDK
 * continue the old copy and show it twice.
 */
export function initialMessages(messages: MessageView[]): ChatMessage[] {
  const last = messages.at(-1);
  const live = last?.role === "assistant" && last.status === "streaming";
  return (live ? messages.slice(0, -1) : messages).map(toChatMessage);
}

/** The latest stored page merged into what the tab shows: older loaded pages stay, the rest is replaced. */
export function mergeLatest(current: ChatMessage[], page: MessageView[]): ChatMessage[] {
  const first = page[0]?.seq ?? Number.POSITIVE_INFINITY;
  const older = current.filter((message) => (message.metadata?.seq ?? Number.POSITIVE_INFINITY) < first);
  return [...older, ...page.map(toChatMessage)];
}

export const messageText = (message: ChatMessage) =>
  message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
