import "server-only";
import { randomUUID } from "node:crypto";
import { offeredModels } from "../ai/offered-models";
import {
  deleteConversationRow,
  insertConversation,
  keepConversationRow,
  renameConversationRow,
  updateConversationModel,
} from "../db/queries/conversation-queries";
import { forgetRecall } from "../db/queries/recall-queries";
import type { Queryable } from "../db/transaction";
import { AppError } from "../errors";
import { noteLearned } from "../memory/learned";
import { type ClearScope, clearedMemory, mergePreferences } from "../memory/update";
import { clearInBranches } from "./clear-in-branches";
import { updateMemory } from "./memory-store";
import { type MemoryView, toMemoryView } from "./views";

export async function createConversation(): Promise<{ id: string }> {
  const id = randomUUID();
  await insertConversation(id);
  return { id };
}

export async function renameConversation(id: string, title: string): Promise<void> {
  if (!(await renameConversationRow(id, title))) throw new AppError("NOT_FOUND");
}

/** The model for a conversation's next turns, if it is one of those offered; a new chat sends it with its first turn. */
export async function chooseConversationModel(id: string, model: string): Promise<void> {
  if (!(await offeredModels()).includes(model)) throw new AppError("UNKNOWN_MODEL");
  if (!(await updateConversationModel(id, model))) throw new AppError("NOT_FOUND");
}

export async function deleteConversation(id: string): Promise<void> {
  if (!(await deleteConversationRow(id))) throw new AppError("NOT_FOUND");
}

export async function keepConversation(id: string): Promise<void> {
  if (!(await keepConversationRow(id))) throw new AppError("NOT_FOUND");
}

export async function updatePreferences(id: string, changes: { key: string; value: string | null }[]): Promise<MemoryView> {
  const at = new Date().toISOString();
  // Whoever holds the conversation may edit here: the edit is this conversation's own, and memory
  // across chats keeps what was said before it (the Memory page is where that is edited).
  const set = changes.flatMap((change) => (change.value === null ? [] : [{ key: change.key, value: change.value }]));
  const next = await updateMemory(id, (memory) =>
    noteLearned(
      { ...memory, user_preferences: mergePreferences(memory.user_preferences, changes), stats: { ...memory.stats, updated_at: at } },
      { preferences: set, facts: [] },
      { at, seq: null, private: true },
      memory,
    ),
  );
  if (!next) throw new AppError("NOT_FOUND");
  return toMemoryView(next.memory);
}

export async function clearConversationMemory(id: string, scope: ClearScope): Promise<MemoryView> {
  const at = new Date();
  const next = await updateMemory(
    id,
    (memory) => clearedMemory(memory, scope, at),
    async (tx: Queryable) => {
      // Clearing what left the window also stops recall from reaching the messages stored so far.
      if (scope !== "preferences") await forgetRecall(id, tx);
      await clearInBranches(id, scope, at, tx);
    },
  );
  if (!next) throw new AppError("NOT_FOUND");
  return toMemoryView(next.memory);
}
