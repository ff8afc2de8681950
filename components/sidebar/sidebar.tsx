"use client";

import { Brain, Keyboard, MessagesSquare, SquarePen, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { searchConversations } from "@/app/actions/conversations";
import type { SearchResults } from "@/lib/conversations/search";
import type { ConversationSummary } from "@/lib/conversations/views";
import { ThemeToggle } from "../theme-toggle";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { IconButton } from "../ui/icon-button";
import { ConversationItem } from "./conversation-item";
import { dateGroup } from "./date-groups";
import { ImportButton } from "./import-button";
import { MessageHits } from "./message-hits";
import { parseSearch } from "./search";

/** The date group that the conversation at `index` starts, if it starts one (the list is newest first). */
function groupStarted(conversations: ConversationSummary[], index: number): string | undefined {
  const now = new Date();
  const group = dateGroup(new Date(conversations[index].updatedAt), now);
  return index === 0 || dateGroup(new Date(conversations[index - 1].updatedAt), now) !== group ? group : undefined;
}

/** The search field's id, for the Ctrl/Cmd+K shortcut. */
export const SEARCH_INPUT_ID = "conversation-search";

/** This browser's conversations, with New chat, rename, delete, and search by title or remembered preference. */
export function Sidebar({
  conversations,
  loading,
  knownIds,
  activeId,
  onNew,
  onOpen,
  onOpenMessage,
  onRename,
  onDelete,
  onShowShortcuts,
  onClose,
}: {
  conversations: ConversationSummary[];
  loading: boolean;
  knownIds: string[];
  activeId: string | null;
  onNew: () => void;
  onOpen: (id: string) => void;
  onOpenMessage: (id: string, seq: number) => void;
  /** Each resolves to why it failed, or null. */
  onRename: (id: string, title: string) => Promise<string | null>;
  onDelete: (id: string) => Promise<string | null>;
  onShowShortcuts: () => void;
  /** Closes the drawer it is shown in on a phone. */
  onClose?: () => void;
}) {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SearchResults | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [pendingDelete, setPendingDelete] = useState<ConversationSummary | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const latestAction = useRef(0);
  // A refused rename or delete leaves the list as it was; without a word, it would look like a lost click.
  // Only the latest one's outcome is shown.
  const report = (outcome: string, pending: Promise<string | null>) => {
    const action = ++latestAction.current;
    setActionError(null);
    void pending.then((failure) => {
      if (action === latestAction.current) setActionError(failure && `${outcome} ${failure}`);
    });
  };

  useEffect(() => {
    const search = parseSearch(query);
    if (!search.text && !search.preferences) {
      setResults(null);
      setSearchError(null);
      return;
    }
    const timer = setTimeout(async () => {
      const found = await searchConversations({ ids: knownIds, ...search });
      setResults(found.ok ? found.data : { conversations: [], messages: [] });
      setSearchError(found.ok ? null : found.error.message);
    }, 200);
    return () => clearTimeout(timer);
  }, [query, knownIds]);

  const shown = results?.conversations ?? conversations;
  return (
    <nav aria-label="Conversations" className="flex h-full flex-col gap-3 p-3">
      <div className="flex items-center gap-2">
        <p className="flex min-w-0 flex-1 items-center gap-2 px-1 font-semibold">
          <MessagesSquare aria-hidden className="size-5 text-indigo-600 dark:text-indigo-400" />
          Memory Chat
        </p>
        {onClose && <IconButton label="Close conversations" icon={X} tone="header" onClick={onClose} />}
      </div>
      <button
        type="button"
        onClick={onNew}
        className="flex items-center justify-center gap-2 rounded-lg bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
      >
        <SquarePen aria-hidden className="size-4" />
        New chat
      </button>
      <ImportButton onOpen={onOpen} />
      <input
        type="search"
        id={SEARCH_INPUT_ID}
        aria-label="Search conversations"
        placeholder="Search conversations"
        title="Words, or key:value for something remembered (topic:pricing)"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      {searchError && <p className="text-xs text-red-600">{searchError}</p>}
      {actionError && (
        <div
          role="alert"
          className="flex items-start gap-2 rounded-lg bg-red-50 px-3 py-2 text-xs text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          <p className="min-w-0 flex-1">{actionError}</p>
          <button
            type="button"
            onClick={() => {
              setActionError(null);
              document.getElementById(SEARCH_INPUT_ID)?.focus();
            }}
            className="rounded px-1 font-medium hover:underline"
          >
            Dismiss
          </button>
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto">
        {loading ? (
          <p role="status" className="px-3 text-sm text-zinc-600 dark:text-zinc-400">
            Loading conversations…
          </p>
        ) : shown.length === 0 && !results?.messages.length ? (
          <p className="px-3 text-sm text-zinc-600 dark:text-zinc-400">{results ? "No conversation matches." : "No conversations yet."}</p>
        ) : shown.length === 0 ? null : (
          <ul aria-label={results ? "Search results" : "Your conversations"} className="flex flex-col gap-0.5">
            {shown.map((conversation, index) => (
              <ConversationItem
                key={conversation.id}
                heading={results ? undefined : groupStarted(shown, index)}
                conversation={conversation}
                active={conversation.id === activeId}
                onOpen={() => onOpen(conversation.id)}
                onRename={(title) => report("Not renamed.", onRename(conversation.id, title))}
                onDelete={() => setPendingDelete(conversation)}
              />
            ))}
          </ul>
        )}
        {results && results.messages.length > 0 && (
          <>
            <h2 className="mt-3 px-3 text-xs font-medium text-zinc-600 dark:text-zinc-400">In messages</h2>
            <MessageHits hits={results.messages} onOpen={(hit) => onOpenMessage(hit.conversationId, hit.seq)} />
          </>
        )}
      </div>
      <a
        href="/memory"
        className="flex items-center gap-2 rounded-lg px-3 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <Brain aria-hidden className="size-4" />
        Memory
      </a>
      <div className="flex items-center justify-between border-t border-zinc-200 pt-2 dark:border-zinc-800">
        <button
          type="button"
          onClick={onShowShortcuts}
          className="flex items-center gap-1.5 rounded px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
        >
          <Keyboard aria-hidden className="size-4" />
          Keyboard shortcuts <kbd className="font-mono">?</kbd>
        </button>
        <ThemeToggle />
      </div>
      <ConfirmDialog
        open={pendingDelete !== null}
        title="Delete this conversation?"
        body={`“${pendingDelete?.title ?? "New chat"}” and everything it remembers will be deleted for good.`}
        confirmLabel="Delete"
        onCancel={() => setPendingDelete(null)}
        onConfirm={() => {
          if (pendingDelete) report("Not deleted.", onDelete(pendingDelete.id));
          setPendingDelete(null);
        }}
      />
    </nav>
  );
}
