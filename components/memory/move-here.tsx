"use client";

import { useEffect, useState } from "react";
import { type MovedBrowser, readMoveFragment } from "@/lib/saved-memories/move-link";
import { readMemoryId, rememberIds, writeActiveId, writeMemoryId } from "../browser-storage";
import { ConfirmDialog } from "../ui/confirm-dialog";

/**
 * The other end of "Move to another device": the link's fragment holds a browser's memory and chat
 * ids, which never reach a server. After a confirmation that says what they grant, this browser
 * holds them too.
 */
export function MoveHere() {
  const [moved, setMoved] = useState<MovedBrowser | null | undefined>(undefined);
  useEffect(() => setMoved(readMoveFragment(window.location.hash)), []);

  const leave = () => window.location.replace("/");
  if (moved === undefined) return null;
  if (moved === null || (moved.ids.length === 0 && !moved.memory))
    return (
      <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-6 text-center text-sm">
        <p>This link is damaged or incomplete: copy it again, whole, from the other browser.</p>
        <a href="/" className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
          Go to your chats
        </a>
      </main>
    );
  const replaces = moved.memory !== null && readMemoryId() !== null && readMemoryId() !== moved.memory;
  const chats = `${moved.ids.length} ${moved.ids.length === 1 ? "chat" : "chats"}`;
  return (
    <main className="min-h-dvh">
      <ConfirmDialog
        open
        title="Add these chats to this browser?"
        body={`This link holds ${chats}${moved.memory ? " and what the assistant knows about you" : ""}. Whoever holds it can read them, write in them and delete them, here or anywhere: add them only if the link is yours.${replaces ? " This browser's own memory will be replaced by the one in the link." : ""}`}
        confirmLabel="Add to this browser"
        danger={false}
        onCancel={leave}
        onConfirm={() => {
          rememberIds(moved.ids);
          if (moved.memory) writeMemoryId(moved.memory);
          if (moved.ids[0]) writeActiveId(moved.ids[0]);
          leave();
        }}
      />
    </main>
  );
}
