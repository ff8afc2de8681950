"use client";

import { useState } from "react";

/**
 * A value edited in place: its field takes focus, Enter saves (only a changed, non-empty value),
 * Escape cancels the edit and nothing around it (a panel or a dialog stays open).
 */
export function InlineEdit({
  label,
  value,
  maxLength,
  onSave,
  onDone,
}: {
  label: string;
  value: string;
  maxLength: number;
  onSave: (value: string) => void;
  onDone: () => void;
}) {
  const [draft, setDraft] = useState(value);
  return (
    <form
      className="flex flex-1 gap-1"
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.trim() && draft.trim() !== value) onSave(draft.trim());
        onDone();
      }}
    >
      <input
        aria-label={label}
        ref={(input) => input?.focus()}
        value={draft}
        maxLength={maxLength}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== "Escape") return;
          event.preventDefault();
          onDone();
        }}
        className="min-w-0 flex-1 rounded border border-indigo-400 bg-white px-1.5 py-0.5 dark:bg-zinc-900"
      />
      <button type="submit" className="rounded px-1.5 text-xs font-medium text-indigo-700 dark:text-indigo-300">
        Save
      </button>
      <button type="button" onClick={onDone} className="rounded px-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        Cancel
      </button>
    </form>
  );
}
