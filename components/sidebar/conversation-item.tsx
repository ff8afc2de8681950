"use client";

import { Ellipsis, Pencil, Share2, Trash2 } from "lucide-react";
import { useRef, useState } from "react";
import type { ConversationSummary } from "@/lib/conversations/views";
import { ExportMenuItems } from "../export-menu-items";
import { ShareDialog } from "../share-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "../ui/dropdown-menu";
import { IconButton } from "../ui/icon-button";

export function ConversationItem({
  heading,
  conversation,
  active,
  onOpen,
  onRename,
  onDelete,
}: {
  /** The date group this row starts ("Today"), if it starts one. */
  heading?: string;
  conversation: ConversationSummary;
  active: boolean;
  onOpen: () => void;
  onRename: (title: string) => void;
  onDelete: () => void;
}) {
  const title = conversation.title ?? "New chat";
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);
  const [sharing, setSharing] = useState(false);
  const renaming = useRef(false);
  /** The field has been left (sent, or cancelled with Escape): its blur on the way out does nothing more. */
  const closed = useRef(false);
  const commit = () => {
    if (closed.current) return;
    closed.current = true;
    const next = draft.trim();
    if (next && next !== title) onRename(next);
    setEditing(false);
  };

  if (editing) {
    return (
      <li>
        {heading && <h3 className="px-3 pt-3 pb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">{heading}</h3>}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            commit();
          }}
          className="px-2 py-1"
        >
          <input
            aria-label="Conversation title"
            ref={(input) => input?.focus()}
            value={draft}
            maxLength={120}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== "Escape") return;
              closed.current = true;
              setEditing(false);
            }}
            // Clicking elsewhere keeps what was typed, as in a file manager; Escape is the way to cancel.
            onBlur={() => {
              renaming.current = false;
              commit();
            }}
            className="w-full rounded-md border border-indigo-400 bg-white px-2 py-1 text-sm dark:bg-zinc-900"
          />
        </form>
      </li>
    );
  }
  return (
    <li>
      {heading && <h3 className="px-3 pt-3 pb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">{heading}</h3>}
      <div
        className={`group flex items-center rounded-lg ${active ? "bg-zinc-200 dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}
      >
        <button
          type="button"
          onClick={onOpen}
          aria-current={active ? "page" : undefined}
          // The whole title on hover, when the row cuts it.
          title={title}
          className="min-w-0 flex-1 truncate px-3 py-2 text-left text-sm"
        >
          {title}
        </button>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            {/* On hover and focus, and always for the open conversation and on touch screens. */}
            <IconButton
              label={`More for ${title}`}
              icon={Ellipsis}
              className={`mr-1 data-[state=open]:opacity-100 group-focus-within:opacity-100 group-hover:opacity-100 pointer-coarse:opacity-100 ${active ? "" : "opacity-0"}`}
            />
          </DropdownMenuTrigger>
          <DropdownMenuContent
            align="start"
            // Rename puts a field where the row was: focus goes there, not back to the menu's button.
            onCloseAutoFocus={(event) => renaming.current && event.preventDefault()}
          >
            <DropdownMenuItem
              icon={<Pencil aria-hidden className="size-4" />}
              onSelect={() => {
                renaming.current = true;
                closed.current = false;
                setDraft(title);
                setEditing(true);
              }}
            >
              Rename
            </DropdownMenuItem>
            <DropdownMenuItem icon={<Share2 aria-hidden className="size-4" />} onSelect={() => setSharing(true)}>
              Share
            </DropdownMenuItem>
            <ExportMenuItems conversationId={conversation.id} />
            <DropdownMenuSeparator />
            <DropdownMenuItem danger icon={<Trash2 aria-hidden className="size-4" />} onSelect={onDelete}>
              Delete
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
      {sharing && <ShareDialog conversationId={conversation.id} onClose={() => setSharing(false)} />}
    </li>
  );
}
