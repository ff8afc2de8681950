import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  mapChatMessagesToStoredMessages,
  mapStoredMessagesToChatMessages,
} from "@langchain/core/messages";
import type { StoredMessageJson } from "./schema";
import { MESSAGE_OVERHEAD_TOKENS, messageTokens } from "./tokens";

/** A stored message as memory sees it. */
export interface MemoryMessage {
  /** The Message row id. */
  id: string;
  seq: number;
  role: "user" | "assistant";
  content: string;
}

/**
 * A message in LangChain's stored format. Its position and token count ride along in
 * additional_kwargs, so the window can be kept in order and measured without re-encoding.
 */
export function toStoredMessage(message: MemoryMessage): StoredMessageJson {
  const fields = {
    content: message.content,
    id: message.id,
    additional_kwargs: { seq: message.seq, tokens: messageTokens(message.content) + MESSAGE_OVERHEAD_TOKENS },
  };
  const chat = message.role === "user" ? new HumanMessage(fields) : new AIMessage(fields);
  const [stored] = mapChatMessagesToStoredMessages([chat]);
  return JSON.parse(JSON.stringify(stored)) as StoredMessageJson;
}

export function toChatMessages(stored: StoredMessageJson[]): BaseMessage[] {
  return mapStoredMessagesToChatMessages(stored as Parameters<typeof mapStoredMessagesToChatMessages>[0]);
}

export function seqOf(message: StoredMessageJson): number {
  const seq = message.data.additional_kwargs?.seq;
  return typeof seq === "number" ? seq : 0;
}

export function tokensOf(message: StoredMessageJson): number {
  const tokens = message.data.additional_kwargs?.tokens;
  return typeof tokens === "number" ? tokens : messageTokens(message.data.content) + MESSAGE_OVERHEAD_TOKENS;
}

export const isUserMessage = (message: StoredMessageJson) => message.type === "human";
