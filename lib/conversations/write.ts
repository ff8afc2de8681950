import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import { AppError } from "../errors";
import { clearMemory as clear, mergePreferences, type ClearScope } from "../memory/update";
import { updateMemory } from "./memory-store";
import { toMemoryView, type MemoryView } from "./views";

export async function createConversation(): Promise<{ id: string }> {
  const id = randomUUID();
  await db().conversation.create({ data: { id }, select: { id: true } });
  return { id };
}

export async function renameConversation(id: string, title: string): Promise<void> {
  const { count } = await db().conversation.updateMany({ where: { id }, data: { title } });
  if (count === 0) throw new AppError("NOT_FOUND");
}

/** One DELETE: its messages go with it by cascade, atomically. */
export async function deleteConversation(id: string): Promise<void> {
  const { count } = await db().conversation.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("NOT_FOUND");
}

export async function updatePreferences(
  id: string,
  changes: { key: string; value: string | null }[],
): Promise<MemoryView> {
  const at = new Date().toISOString();
  const next = await updateMemory(id, (memory) => ({
    ...memory,
    user_preferences: mergePreferences(memory.user_preferences, changes),
    stats: { ...memory.stats, updated_at: at },
  }));
  return toMemoryView(next!.memory);
}

export async function clearMemory(id: string, scope: ClearScope): Promise<MemoryView> {
  const next = await updateMemory(id, (memory) => clear(memory, scope, new Date()));
  return toMemoryView(next!.memory);
}
