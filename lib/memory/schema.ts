import { z } from "zod";

export const MEMORY_VERSION = 1;

const storedMessageData = z.looseObject({
  content: z.string(),
  role: z.string().optional(),
  name: z.string().optional(),
  tool_call_id: z.string().optional(),
  additional_kwargs: z.record(z.string(), z.unknown()).optional(),
  response_metadata: z.record(z.string(), z.unknown()).optional(),
  id: z.string().optional(),
});

/**
 * A LangChain message as `mapChatMessagesToStoredMessages` (@langchain/core/messages) writes it, and
 * only what `mapStoredMessagesToChatMessages` can load back: any other type would make the prompt
 * throw, so such a buffer goes to `recovered` instead.
 */
export const storedMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["human", "ai", "system"]), data: storedMessageData }),
  z.object({ type: z.literal("function"), data: storedMessageData.extend({ name: z.string() }) }),
  z.object({ type: z.literal("tool"), data: storedMessageData.extend({ tool_call_id: z.string() }) }),
  z.object({ type: z.literal("generic"), data: storedMessageData.extend({ role: z.string() }) }),
]);

/** The rows of the retired ConversationSession table, kept verbatim by migration 011 for its rollback. */
export const legacySessionsSchema = z.object({
  sessions: z.array(
    z.object({
      id: z.uuid(),
      sessionToken: z.string(),
      memory: z.unknown(),
      expiresAt: z.string(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
  buffer_before: z.unknown(),
  migrated_md5: z.string(),
});

/** A buffer that failed validation, kept verbatim rather than overwritten (see readMemory). */
export const recoveredSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  reason: z.string(),
  content: z.unknown(),
});

/** When and where one preference or fact was said: what memory across chats orders and links by. */
export const learnedSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  /** The user message that said it; null when it was set by hand. */
  seq: z.number().int().min(0).nullable(),
  /** Said with memory across chats off, or by someone other than the conversation's owner: this conversation's only. */
  private: z.literal(true).optional(),
  /** A private statement replaced this preference's value: the one said before, which memory across chats keeps. */
  was: z.object({ text: z.string(), at: z.iso.datetime({ offset: true }), seq: z.number().int().min(0).nullable() }).optional(),
});

/** Conversation.memoryBuffer, version 1. NULL in the database means empty memory. */
export const memoryBufferSchema = z.object({
  version: z.literal(MEMORY_VERSION),
  /** The live window of recent messages, sent to the model verbatim. */
  short_term_memory: z.object({
    messages: z.array(storedMessageSchema),
  }),
  /** What left the window: a running summary, how many messages it covers, and extracted facts. */
  long_term_memory: z.object({
    summary: z.string(),
    summarized_messages: z.number().int().min(0),
    facts: z.array(z.string()),
  }),
  /** Flat string values, so `"memoryBuffer" @> '{"user_preferences": {"topic": "pricing"}}'` can use the GIN index. */
  user_preferences: z.record(z.string(), z.string()),
  stats: z.object({
    turns: z.number().int().min(0),
    updated_at: z.iso.datetime({ offset: true }).nullable(),
  }),
  /** Where each preference (by key) and fact (by factKey) came from; missing in buffers from before it. */
  learned: z
    .object({
      preferences: z.record(z.string(), learnedSchema),
      facts: z.record(z.string(), learnedSchema),
    })
    .optional(),
  legacy_sessions: legacySessionsSchema.optional(),
  recovered: z.array(recoveredSchema).optional(),
});

export type MemoryBuffer = z.infer<typeof memoryBufferSchema>;
export type StoredMessageJson = z.infer<typeof storedMessageSchema>;
export type Learned = z.infer<typeof learnedSchema>;

export function emptyMemory(): MemoryBuffer {
  return {
    version: MEMORY_VERSION,
    short_term_memory: { messages: [] },
    long_term_memory: { summary: "", summarized_messages: 0, facts: [] },
    user_preferences: {},
    stats: { turns: 0, updated_at: null },
  };
}
