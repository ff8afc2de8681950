"use client";

import { useEffect, useRef, useState } from "react";
import { searchConversations } from "@/app/actions/conversations";
import type { SearchResults } from "@/lib/conversations/search";
import type { ConversationSummary } from "@/lib/conversations/views";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ConversationItem } from "./conversation-item";
import { ImportButton } from "./import-button";
import { MessageHits } from "./message-hits";
import { parseSearch } from "./search";

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
      <button
        type="button"
        onClick={onNew}
        className="rounded-lg bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
      >
        New chat
      </button>
      <ImportButton onOpen={onOpen} />
      <input
        type="search"
        id={SEARCH_INPUT_ID}
        aria-label="Search conversations"
        placeholder="Search: words, or topic:pricing"
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
            {shown.map((conversation) => (
              <ConversationItem
                key={conversation.id}
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
      <button
        type="button"
        onClick={onShowShortcuts}
        className="self-start rounded px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
      >
        Keyboard shortcuts <kbd className="font-mono">?</kbd>
      </button>
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
