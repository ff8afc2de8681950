"use client";

import { useCallback, useEffect, useState } from "react";
import { deleteConversation, getConversation, listConversations, renameConversation } from "@/app/actions/conversations";
import { conversationIdSchema } from "@/lib/conversations/inputs";
import type { ConversationPage } from "@/lib/conversations/read";
import type { ConversationSummary } from "@/lib/conversations/views";
import { forgetIds, readActiveId, readKnownIds, rememberId, writeActiveId } from "./browser-storage";
import { ConversationView } from "./chat/conversation-view";
import { HeaderActions } from "./header-actions";
import { MemoryPanel } from "./memory/memory-panel";
import { OfflineNotice } from "./offline-notice";
import { Sidebar } from "./sidebar/sidebar";

const PAGE_SIZE = 50;

type Active = { id: string; page: ConversationPage | null };

/**
 * The app: resumes the conversation whose id the browser kept (or the one in the URL), falls back
 * quietly to a fresh conversation when that id is missing, malformed or deleted, and keeps ids only.
 */
export function ChatApp({ routeId, offline, maxChars }: { routeId?: string; offline: boolean; maxChars: number }) {
  const [active, setActive] = useState<Active | null>(null);
  const [knownIds, setKnownIds] = useState<string[]>([]);
  const [summaries, setSummaries] = useState<ConversationSummary[]>([]);
  const [listLoading, setListLoading] = useState(true);
  const [navOpen, setNavOpen] = useState(false);
  const [memoryOpen, setMemoryOpen] = useState(false);
  const [memoryRefresh, setMemoryRefresh] = useState(0);

  const refreshList = useCallback(async (ids: string[]) => {
    const result = await listConversations(ids);
    setListLoading(false);
    if (!result.ok) return;
    setSummaries(result.data);
    const missing = ids.filter((id) => !result.data.some((c) => c.id === id));
    if (missing.length > 0) setKnownIds(forgetIds(missing));
  }, []);

  const startFresh = useCallback(() => {
    const id = crypto.randomUUID();
    writeActiveId(id);
    window.history.replaceState(null, "", "/");
    setActive({ id, page: null });
  }, []);

  const open = useCallback(
    async (id: string) => {
      setNavOpen(false);
      const result = await getConversation({ id, limit: PAGE_SIZE });
      if (!result.ok) {
        setKnownIds(forgetIds([id]));
        startFresh();
        return;
      }
      writeActiveId(id);
      setKnownIds(rememberId(id));
      window.history.replaceState(null, "", `/c/${id}`);
      setActive({ id, page: result.data });
    },
    [startFresh],
  );

  useEffect(() => {
    const known = readKnownIds();
    setKnownIds(known);
    void refreshList(known);
    const candidate = routeId ?? readActiveId();
    if (candidate && conversationIdSchema.safeParse(candidate).success) void open(candidate);
    else startFresh();
  }, [routeId, open, refreshList, startFresh]);

  const onTurnStarted = useCallback(() => {
    if (!active) return;
    const ids = rememberId(active.id);
    setKnownIds(ids);
    window.history.replaceState(null, "", `/c/${active.id}`);
  }, [active]);

  const onTurnSettled = useCallback(() => {
    void refreshList(readKnownIds());
    setMemoryRefresh((n) => n + 1);
  }, [refreshList]);

  const stored = active !== null && (active.page !== null || summaries.some((c) => c.id === active.id));
  const title = active && (summaries.find((c) => c.id === active.id)?.title ?? active.page?.conversation.title);

  return (
    <div className="flex h-dvh bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      <aside
        className={`${navOpen ? "fixed inset-0 z-30 block bg-white dark:bg-zinc-950" : "hidden"} w-full border-r border-zinc-200 md:static md:block md:w-72 md:shrink-0 dark:border-zinc-800`}
      >
        <Sidebar
          conversations={summaries}
          loading={listLoading}
          knownIds={knownIds}
          activeId={active?.id ?? null}
          onNew={() => {
            setNavOpen(false);
            startFresh();
          }}
          onOpen={(id) => void open(id)}
          onRename={async (id, newTitle) => {
            const result = await renameConversation({ id, title: newTitle });
            if (result.ok) void refreshList(knownIds);
          }}
          onDelete={async (id) => {
            const result = await deleteConversation({ id });
            if (result.ok || result.error.code === "NOT_FOUND") {
              const ids = forgetIds([id]);
              setKnownIds(ids);
              setSummaries((list) => list.filter((c) => c.id !== id));
              if (active?.id === id) startFresh();
            }
          }}
        />
        {navOpen && (
          <button type="button" onClick={() => setNavOpen(false)} className="absolute right-3 top-3 rounded-lg px-2 py-1 text-sm md:hidden">
            Close
          </button>
        )}
      </aside>

      <main className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
          <button type="button" onClick={() => setNavOpen(true)} className="rounded-lg px-2 py-1.5 text-sm hover:bg-zinc-100 md:hidden dark:hover:bg-zinc-800">
            Conversations
          </button>
          <h1 className="min-w-0 flex-1 truncate text-base font-semibold">{title ?? "New chat"}</h1>
          {active && (
            <HeaderActions conversationId={active.id} stored={stored} memoryOpen={memoryOpen} onToggleMemory={() => setMemoryOpen((o) => !o)} />
          )}
        </header>
        {offline && <OfflineNotice />}
        {active ? (
          <ConversationView key={active.id} id={active.id} initial={active.page} maxChars={maxChars} onTurnStarted={onTurnStarted} onTurnSettled={onTurnSettled} />
        ) : (
          <p role="status" className="flex flex-1 items-center justify-center text-sm text-zinc-500">
            Loading your conversation…
          </p>
        )}
      </main>

      {memoryOpen && active && (
        <aside aria-label="Memory panel" className="fixed inset-0 z-30 overflow-y-auto border-zinc-200 bg-white sm:inset-y-0 sm:left-auto sm:w-96 sm:border-l lg:static lg:w-80 lg:shrink-0 dark:border-zinc-800 dark:bg-zinc-950">
          <div className="flex justify-end p-2 lg:hidden">
            <button type="button" onClick={() => setMemoryOpen(false)} className="rounded-lg px-2 py-1 text-sm">
              Close
            </button>
          </div>
          <MemoryPanel conversationId={active.id} refreshKey={memoryRefresh} />
        </aside>
      )}
    </div>
  );
}
