"use client";

import { useIndexing } from "../client-data";

/**
 * Says, while it lasts, that older messages are still being read for recall by meaning (after an
 * import, hundreds): until then recall finds them by their words.
 */
export function IndexingNotice({ conversationId }: { conversationId: string }) {
  const { data } = useIndexing(conversationId);
  if (!data || data.pending === 0) return null;
  return (
    <p role="status" data-testid="indexing-notice" className="px-4 py-1 text-center text-xs text-zinc-600 dark:text-zinc-400">
      Reading {data.pending.toLocaleString()} {data.pending === 1 ? "message" : "messages"} for recall by meaning…
    </p>
  );
}
