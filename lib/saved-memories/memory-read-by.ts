/**
 * The browser memory a turn reads across chats, or null. A turn reads only the memory its
 * conversation feeds, and only while nobody else has written there: a conversation opened from
 * someone else's link never sees this browser's memory. A conversation not stored yet will feed the
 * memory its first turn comes from. `memoryId`: the browser's, null with memory across chats off.
 */
export function memoryReadBy(
  conversation: { memoryId: string | null; othersWrote: boolean } | undefined,
  memoryId: string | null,
): string | null {
  if (memoryId === null) return null;
  if (!conversation) return memoryId;
  return conversation.memoryId === memoryId && !conversation.othersWrote ? memoryId : null;
}
