import "server-only";
import { embeddingModel } from "../ai/embeddings";
import { EMBED_PER_RUN, embedRecallable } from "./semantic-recall";

/**
 * Conversations whose messages wait for the embedding model, by id, with the client whose turn or
 * import put them here (an endpoint's tokens are counted against it). The most recently asked for
 * goes first: the conversation someone is looking at, not the 250 of an import. On globalThis, like
 * the reply runs, so development reloads keep one queue.
 */
const shared = globalThis as unknown as { memoryChatEmbedding?: { waiting: Map<string, string>; draining: Promise<void> | null } };
shared.memoryChatEmbedding ??= { waiting: new Map(), draining: null };
const queue = shared.memoryChatEmbedding;

/**
 * Embeds the conversation's new messages soon, off every request's path: one conversation at a time,
 * each for at most EMBED_PER_RUN messages, then the next (a longer one comes back after the others).
 * The embedding model itself runs one batch at a time, a question before any of this.
 */
export function scheduleEmbedding(conversationId: string, client: string): void {
  if (!embeddingModel()) return;
  queue.waiting.delete(conversationId);
  queue.waiting.set(conversationId, client);
  queue.draining ??= drain().finally(() => {
    queue.draining = null;
  });
}

/** Resolves once nothing waits to be embedded (tests and the evaluation wait for it). */
export async function embeddingIdle(): Promise<void> {
  while (queue.draining) await queue.draining;
}

async function drain(): Promise<void> {
  for (let next = newest(); next; next = newest()) {
    const [conversationId, client] = next;
    queue.waiting.delete(conversationId);
    try {
      // A run that filled its share may have left more: the conversation waits behind the others.
      if ((await embedRecallable(conversationId, client)) >= EMBED_PER_RUN && !queue.waiting.has(conversationId)) {
        const rest = [...queue.waiting];
        queue.waiting.clear();
        queue.waiting.set(conversationId, client);
        for (const [id, by] of rest) queue.waiting.set(id, by);
      }
    } catch (error) {
      console.warn(`[memory] Could not embed conversation ${conversationId} for recall; its next turn retries.`, error);
    }
  }
}

const newest = (): [string, string] | undefined => [...queue.waiting].at(-1);
