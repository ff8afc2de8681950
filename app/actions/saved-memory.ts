"use server";

import { type ActionResult, runAction } from "@/lib/http/action";
import { adoptInputSchema, idsInputSchema, memoryInputSchema, savedChangeInputSchema } from "@/lib/saved-memories/saved-inputs";
import {
  adoptIntoMemory,
  changeSavedMemories,
  countEarlierChats,
  getSavedMemoriesView,
  type SavedMemoryView,
} from "@/lib/saved-memories/saved-memories-view";

/** Everything this browser's memory knows about the user, across its conversations (the Memory page). */
export async function getSavedMemories(input: unknown): Promise<ActionResult<SavedMemoryView>> {
  return runAction(memoryInputSchema, input, ({ memory }) => getSavedMemoriesView(memory));
}

/** Adds, edits or forgets saved memories by hand; every conversation's next turn has the change. */
export async function changeSavedMemory(input: unknown): Promise<ActionResult<SavedMemoryView>> {
  return runAction(savedChangeInputSchema, input, ({ memory, change }) => changeSavedMemories(memory, change));
}

/** Conversations from before memory across chats, held by this browser, join its memory (once each). */
export async function adoptConversations(input: unknown): Promise<ActionResult<{ adopted: number }>> {
  return runAction(
    adoptInputSchema,
    input,
    async ({ memory, ids }) => ({ adopted: await adoptIntoMemory(memory, ids) }),
    ({ ids }) => Math.max(1, Math.ceil(ids.length / 50)),
  );
}

/** How many of the conversations this browser holds are from before memory across chats (the Memory page offers to add them). */
export async function countEarlierConversations(input: unknown): Promise<ActionResult<{ earlier: number }>> {
  return runAction(
    idsInputSchema,
    input,
    async ({ ids }) => ({ earlier: await countEarlierChats(ids) }),
    ({ ids }) => Math.max(1, Math.ceil(ids.length / 50)),
  );
}
