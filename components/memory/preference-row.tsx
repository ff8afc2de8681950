"use client";

import { useState } from "react";

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
  const [draft, setDraft] = useState(value);
  return (
    <li className="flex items-center gap-2 py-1 text-sm" data-preference={name}>
      <span className="w-24 shrink-0 truncate font-medium text-zinc-600 dark:text-zinc-400">{name}</span>
      {editing ? (
        <form
          className="flex flex-1 gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            if (draft.trim()) onSave(draft.trim());
            setEditing(false);
          }}
        >
          <input
            aria-label={`Value of ${name}`}
            ref={(input) => input?.focus()}
            value={draft}
            maxLength={200}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== "Escape") return;
              // The edit is what Escape cancels, not the panel around it.
              event.preventDefault();
              setEditing(false);
            }}
            className="min-w-0 flex-1 rounded border border-indigo-400 bg-white px-1.5 py-0.5 dark:bg-zinc-900"
          />
          <button type="submit" className="rounded px-1.5 text-xs text-indigo-700 dark:text-indigo-300">
            Save
          </button>
        </form>
      ) : (
        <>
          <span className="min-w-0 flex-1 break-words">{value}</span>
          <button
            type="button"
            aria-label={`Edit ${name}`}
            onClick={() => {
              setDraft(value);
              setEditing(true);
            }}
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
