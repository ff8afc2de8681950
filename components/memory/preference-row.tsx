"use client";

import { useState } from "react";
import { InlineEdit } from "../ui/inline-edit";

export function PreferenceRow({
  name,
  value,
  onSave,
  onDelete,
}: {
  name: string;
  value: string;
  onSave: (value: string) => void;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="flex items-center gap-2 py-1 text-sm" data-preference={name}>
      <span className="w-24 shrink-0 truncate font-medium text-zinc-600 dark:text-zinc-400">{name}</span>
      {editing ? (
        <InlineEdit label={`Value of ${name}`} value={value} maxLength={200} onSave={onSave} onDone={() => setEditing(false)} />
      ) : (
        <>
          <span className="min-w-0 flex-1 break-words">{value}</span>
          <button
            type="button"
            aria-label={`Edit ${name}`}
            onClick={() => setEditing(true)}
            className="rounded px-1 text-xs text-zinc-600 dark:text-zinc-400 hover:text-zinc-900 dark:hover:text-zinc-100"
          >
            Edit
          </button>
          <button
            type="button"
            aria-label={`Delete ${name}`}
            onClick={onDelete}
            className="rounded px-1 text-xs text-zinc-600 dark:text-zinc-400 hover:text-red-600"
          >
            Delete
          </button>
        </>
      )}
    </li>
  );
}
