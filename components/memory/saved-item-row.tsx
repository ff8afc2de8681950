"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import type { SavedItem } from "@/lib/saved-memories/derive-saved";
import { IconButton } from "../ui/icon-button";

/** One saved memory: what it says, when and where it was said (linked), and Edit and Delete. */
export function SavedItemRow({
  item,
  inPrompt,
  onSave,
  onDelete,
}: {
  item: SavedItem;
  /** It fits the prompt's profile: every turn sees it. */
  inPrompt: boolean;
  onSave: (text: string) => void;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  // The offline extractor notes a statement as "User said: …" for the model; people read the statement.
  const text = item.kind === "fact" ? item.text.replace(/^User said:\s*/, "") : item.text;
  const [draft, setDraft] = useState(text);
  const name = item.kind === "preference" ? item.key : "fact";
  return (
    <li
      className="flex flex-col gap-0.5 border-b border-zinc-100 py-2 last:border-b-0 dark:border-zinc-800"
      data-saved={`${item.kind}:${item.key}`}
    >
      <div className="flex items-start gap-2">
        {item.kind === "preference" && (
          <span className="w-28 shrink-0 truncate pt-0.5 font-medium text-zinc-600 dark:text-zinc-400">{item.key}</span>
        )}
        {editing ? (
          <form
            className="flex flex-1 gap-1"
            onSubmit={(event) => {
              event.preventDefault();
              if (draft.trim() && draft.trim() !== text) onSave(draft.trim());
              setEditing(false);
            }}
          >
            <input
              aria-label={item.kind === "preference" ? `Value of ${item.key}` : "Fact"}
              ref={(input) => input?.focus()}
              value={draft}
              maxLength={item.kind === "preference" ? 200 : 300}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key !== "Escape") return;
                event.preventDefault();
                setEditing(false);
              }}
              className="min-w-0 flex-1 rounded border border-indigo-400 bg-white px-1.5 py-0.5 dark:bg-zinc-900"
            />
            <button type="submit" className="rounded px-2 text-xs font-medium text-indigo-700 dark:text-indigo-300">
              Save
            </button>
          </form>
        ) : (
          <>
            <span className="min-w-0 flex-1 break-words pt-0.5">{text}</span>
            <IconButton
              label={`Edit ${name}`}
              icon={Pencil}
              onClick={() => {
                setDraft(text);
                setEditing(true);
              }}
            />
            <IconButton label={`Delete ${name}`} icon={Trash2} onClick={onDelete} />
          </>
        )}
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {item.source ? (
          <>
            Said {item.at.slice(0, 10)} in{" "}
            <a
              href={`/c/${item.source.conversationId}${item.source.seq ? `#m-${item.source.seq}` : ""}`}
              className="text-indigo-700 hover:underline dark:text-indigo-300"
            >
              {item.source.title}
            </a>
          </>
        ) : (
          <>Set here on {item.at.slice(0, 10)}</>
        )}
        {inPrompt ? null : " · too old to fit in the prompt"}
      </p>
    </li>
  );
}
