"use client";

import { useState } from "react";
import type { ConversationSummary } from "@/lib/conversations/views";

export function ConversationItem({
  conversation,
  active,
  onOpen,
  onRename,
  onDelete,
}: {
  conversation: ConversationSummary;
  active: boolean;
  onOpen: () => void;
  onRename: (title: string) => void;
  onDelete: () => void;
}) {
  const title = conversation.title ?? "New chat";
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);

  if (editing) {
    return (
      <li>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (draft.trim()) onRename(draft.trim());
            setEditing(false);
          }}
          className="px-2 py-1"
        >
          <input
            aria-label="Conversation title"
            ref={(input) => input?.focus()}
            value={draft}
            maxLength={120}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => event.key === "Escape" && setEditing(false)}
            onBlur={() => setEditing(false)}
            className="w-full rounded-md border border-indigo-400 bg-white px-2 py-1 text-sm dark:bg-zinc-900"
          />
        </form>
      </li>
    );
  }
  return (
    <li
      className={`group flex items-center rounded-lg ${active ? "bg-zinc-200 dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}
    >
      <button
        type="button"
        onClick={onOpen}
        aria-current={active ? "page" : undefined}
        className="min-w-0 flex-1 truncate px-3 py-2 text-left text-sm"
      >
        {title}
      </button>
      <button
        type="button"
        aria-label={`Rename ${title}`}
        onClick={() => {
          setDraft(title);
          setEditing(true);
        }}
        className="rounded px-1.5 py-1 text-xs text-zinc-600 dark:text-zinc-400 hover:text-zinc-900 dark:hover:text-zinc-100"
      >
        Rename
      </button>
      <button
        type="button"
        aria-label={`Delete ${title}`}
        onClick={onDelete}
        className="mr-1 rounded px-1.5 py-1 text-xs text-zinc-600 dark:text-zinc-400 hover:text-red-600"
      >
        Delete
      </button>
    </li>
  );
}
