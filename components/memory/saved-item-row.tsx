"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import type { SavedItem } from "@/lib/saved-memories/derive-saved";
import { IconButton } from "../ui/icon-button";
import { InlineEdit } from "../ui/inline-edit";

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
          <InlineEdit
            label={item.kind === "preference" ? `Value of ${item.key}` : "Fact"}
            value={text}
            maxLength={item.kind === "preference" ? 200 : 300}
            onSave={onSave}
            onDone={() => setEditing(false)}
          />
        ) : (
          <>
            <span className="min-w-0 flex-1 break-words pt-0.5">{text}</span>
            <IconButton label={`Edit ${name}`} icon={Pencil} onClick={() => setEditing(true)} />
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
              className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
            >
              {item.source.title}
            </a>
          </>
        ) : (
          <>Set by you on the Memory page, {item.at.slice(0, 10)}</>
        )}
        {inPrompt ? null : " · too old to fit in the prompt"}
      </p>
    </li>
  );
}
