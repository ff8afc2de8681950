"use client";

import { EyeOff } from "lucide-react";

/** Above the composer of a temporary chat: what it means, and Keep once there is something to keep. */
export function TemporaryNotice({ onKeep }: { onKeep: (() => void) | null }) {
  return (
    <div
      role="note"
      aria-label="Temporary chat"
      className="mx-auto flex w-full max-w-3xl items-center gap-2 px-4 pt-2 text-xs text-zinc-600 dark:text-zinc-400"
    >
      <EyeOff aria-hidden className="size-4 shrink-0" />
      <p className="min-w-0 flex-1">
        Temporary chat: not in your chat list, not part of your memory, and deleted 24 hours after it started.
      </p>
      {onKeep && (
        <button
          type="button"
          onClick={onKeep}
          className="shrink-0 rounded px-2 py-0.5 font-medium text-indigo-700 hover:underline dark:text-indigo-300"
        >
          Keep this chat
        </button>
      )}
    </div>
  );
}
