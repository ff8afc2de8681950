"use server";

import { clearMemoryInputSchema, idInputSchema, preferenceChangesInputSchema } from "@/lib/conversations/inputs";
import { getMemoryView } from "@/lib/conversations/read";
import type { MemoryView } from "@/lib/conversations/views";
import { clearConversationMemory, updatePreferences as update } from "@/lib/conversations/write";
import { type ActionResult, runAction } from "@/lib/http/action";

export async function getMemory(input: unknown): Promise<ActionResult<MemoryView>> {
  return runAction(idInputSchema, input, ({ id }) => getMemoryView(id));
}

export async function updatePreferences(input: unknown): Promise<ActionResult<MemoryView>> {
  return runAction(preferenceChangesInputSchema, input, ({ id, changes }) => update(id, changes));
}

export async function clearMemory(input: unknown): Promise<ActionResult<MemoryView>> {
  return runAction(clearMemoryInputSchema, input, ({ id, scope }) => clearConversationMemory(id, scope));
}
