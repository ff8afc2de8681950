"use client";

import { useState } from "react";
import { ShareDialog } from "./share-dialog";

const button = "rounded-lg px-2.5 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800";

/**
 * Copy the conversation's own link (how it continues on another device: it grants everything), share a
 * read-only link, export it, and toggle the memory panel.
 */
export function HeaderActions({
  conversationId,
  stored,
  memoryOpen,
  onToggleMemory,
}: {
  conversationId: string;
  stored: boolean;
  memoryOpen: boolean;
  onToggleMemory: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const [sharing, setSharing] = useState(false);
  return (
    <div className="flex shrink-0 items-center gap-1">
      {stored && (
        <>
          <button
            type="button"
            // A phone shares the address from its browser's own menu; the header keeps its room.
            className={`${button} hidden sm:inline`}
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(`${location.origin}/c/${conversationId}`);
                setCopied(true);
                setTimeout(() => setCopied(false), 2000);
              } catch {
                setCopied(false);
              }
            }}
          >
            {copied ? "Link copied" : "Copy link"}
          </button>
          <button type="button" className={button} onClick={() => setSharing(true)}>
            Share
          </button>
          {sharing && <ShareDialog conversationId={conversationId} onClose={() => setSharing(false)} />}
          <a className={`${button} hidden sm:inline`} href={`/api/conversations/${conversationId}/export?format=md`}>
            Export
          </a>
        </>
      )}
      <button type="button" aria-pressed={memoryOpen} onClick={onToggleMemory} className={button}>
        Memory
      </button>
    </div>
  );
}
