"use server";

import { scheduleEmbedding } from "@/lib/conversations/embedding-queue";
import { clearMemoryInputSchema, idInputSchema, preferenceChangesInputSchema } from "@/lib/conversations/inputs";
import { getMemoryView } from "@/lib/conversations/read";
import { unembeddedCount } from "@/lib/conversations/semantic-recall";
import type { MemoryView } from "@/lib/conversations/views";
import { clearConversationMemory, updatePreferences as update } from "@/lib/conversations/write";
import { type ActionResult, runAction } from "@/lib/http/action";

export async function getMemory(input: unknown): Promise<ActionResult<MemoryView>> {
  return runAction(idInputSchema, input, ({ id }) => getMemoryView(id));
}

/** How many of the conversation's messages the sentence encoder has yet to read (0 with embeddings off). */
export async function getIndexing(input: unknown): Promise<ActionResult<{ pending: number }>> {
  return runAction(idInputSchema, input, async ({ id }) => {
    const pending = await unembeddedCount(id);
    // Left waiting by a restart, or from before the encoder: the queue takes it up (again, first: it is being looked at).
    if (pending > 0) scheduleEmbedding(id, "resumed");
    return { pending };
  });
}

export async function updatePreferences(input: unknown): Promise<ActionResult<MemoryView>> {
  return runAction(preferenceChangesInputSchema, input, ({ id, changes }) => update(id, changes));
}

export async function clearMemory(input: unknown): Promise<ActionResult<MemoryView>> {
  return runAction(clearMemoryInputSchema, input, ({ id, scope }) => clearConversationMemory(id, scope));
}
