"use client";

import { Menu, SquarePen } from "lucide-react";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { chooseModel, deleteConversation, renameConversation } from "@/app/actions/conversations";
import { conversationIdSchema } from "@/lib/conversations/inputs";
import { forgetId, hasOpened, readActiveId, rememberId, useKnownIds, writeActiveId } from "./browser-storage";
import { ConversationView } from "./chat/conversation-view";
import { NETWORK_ERROR_MESSAGE } from "./chat/error-text";
import type { ComposerLimits } from "./chat/types";
import { revalidateAfterTurn, revalidateList, useConversationList, useLatestPage } from "./client-data";
import { HeaderActions } from "./header-actions";
import { jumpToMessage } from "./jump-to-message";
import { MemoryPanel } from "./memory/memory-panel";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { SEARCH_INPUT_ID, Sidebar } from "./sidebar/sidebar";
import { StorageNotice } from "./storage-notice";
import { ConfirmDialog } from "./ui/confirm-dialog";
import { IconButton } from "./ui/icon-button";
import { useDrawerFocus } from "./use-drawer-focus";
import { useNarrowScreen } from "./use-narrow-screen";
import { useShortcuts } from "./use-shortcuts";

/** The conversation a path names: /c/<id>. */
function idFromPath(pathname: string): string | null {
  const parsed = conversationIdSchema.safeParse(/^\/c\/([^/]+)$/.exec(pathname)?.[1]);
  return parsed.success ? parsed.data : null;
}

/**
 * The open conversation is the one the URL names. Every change of it goes through here, which writes
 * the URL; Back and Forward bring the URL's id back.
 */
function useOpenId(): [string | null, (id: string, how?: "push" | "replace", seq?: number) => void] {
  const pathname = usePathname();
  const [openId, setOpenId] = useState(() => idFromPath(pathname));
  useEffect(() => {
    const onPop = () => setOpenId(idFromPath(window.location.pathname));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  // With a position, the conversation opens at that message ("#m-<seq>"): the view loads older pages until it is there.
  const go = useCallback((id: string, how: "push" | "replace" = "push", seq?: number) => {
    const hash = seq === undefined ? "" : `#m-${seq}`;
    if (seq !== undefined && idFromPath(window.location.pathname) === id) {
      jumpToMessage(seq);
      return;
    }
    window.history[how === "push" ? "pushState" : "replaceState"](null, "", `/c/${id}${hash}`);
    setOpenId(id);
  }, []);
  return [openId, go];
}

/**
 * The app. The URL names the open conversation; `/` (or a malformed id) opens the one this browser
 * had open, or a new one. A well-formed id with nothing stored yet is simply an empty conversation:
 * it is kept, since its first turn may still be on its way.
 */
export function ChatApp({
  offline,
  limits,
  models,
  imageModels,
}: {
  offline: boolean;
  limits: ComposerLimits;
  models: string[];
  /** The offered models that see images; the composer warns before an image goes to another. */
  imageModels: string[];
}) {
  const [openId, go] = useOpenId();
  // A new chat's id is this browser's from the start.
  const startNew = useCallback(
    (how: "push" | "replace" = "push") => {
      const id = crypto.randomUUID();
      writeActiveId(id);
      go(id, how);
    },
    [go],
  );
  const knownIds = useKnownIds();
  const list = useConversationList(knownIds);
  const [navOpen, setNavOpen] = useState(false);
  // The drawer covers the conversation only on a phone; on a wide screen the sidebar sits beside it.
  const narrow = useNarrowScreen();
  const closeNav = useCallback(() => setNavOpen(false), []);
  const drawer = useDrawerFocus<HTMLElement>(navOpen && narrow, closeNav);
  const [memoryOpen, setMemoryOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  useShortcuts({
    newChat: () => {
      setNavOpen(false);
      startNew();
    },
    focusSearch: () => {
      // On a small screen the sidebar is hidden until opened.
      setNavOpen(true);
      requestAnimationFrame(() => document.getElementById(SEARCH_INPUT_ID)?.focus());
    },
    showHelp: () => setShortcutsOpen(true),
  });

  // A link names a conversation this browser has never opened: whoever sent it holds the same key,
  // so it opens only once the user says so (link fixation).
  const [asking, setAsking] = useState<string | null>(null);
  // The conversation shown: only once this browser is known to have opened it, or the user said Open.
  const [allowed, setAllowed] = useState<string | null>(null);
  useEffect(() => {
    if (!openId) {
      const active = readActiveId();
      if (active) go(active, "replace");
      else startNew("replace");
    } else if (hasOpened(openId)) {
      writeActiveId(openId);
      setAllowed(openId);
    } else setAsking(openId);
  }, [openId, go, startNew]);
  const confirmed = openId !== null && allowed === openId;
  const closeMemory = useCallback(() => setMemoryOpen(false), []);
  // The panel takes focus as it opens (on a phone it covers the page); Escape closes it, and focus goes back.
  const memoryPanel = useDrawerFocus<HTMLElement>(memoryOpen && confirmed, closeMemory, { focusDrawer: true });

  const summaries = list.data ?? [];
  return (
    <div className="flex h-dvh bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      <aside
        ref={drawer}
        className={`${navOpen ? "fixed inset-0 z-30 block bg-white dark:bg-zinc-950" : "hidden"} w-full border-r border-zinc-200 md:static md:block md:w-72 md:shrink-0 dark:border-zinc-800`}
      >
        <Sidebar
          conversations={summaries}
          loading={list.isLoading}
          knownIds={knownIds}
          activeId={openId}
          onNew={() => {
            setNavOpen(false);
            startNew();
          }}
          onOpen={(id) => {
            setNavOpen(false);
            go(id);
          }}
          onOpenMessage={(id, seq) => {
            setNavOpen(false);
            go(id, "push", seq);
          }}
          onRename={async (id, title) => {
            const result = await renameConversation({ id, title }).catch(() => null);
            if (!result) return NETWORK_ERROR_MESSAGE;
            if (!result.ok) return result.error.message;
            void revalidateList();
            return null;
          }}
          onDelete={async (id) => {
            const result = await deleteConversation({ id }).catch(() => null);
            if (!result) return NETWORK_ERROR_MESSAGE;
            if (!result.ok && result.error.code !== "NOT_FOUND") return result.error.message;
            forgetId(id);
            if (id === openId) startNew("replace");
            return null;
          }}
          onShowShortcuts={() => setShortcutsOpen(true)}
          onClose={navOpen ? closeNav : undefined}
        />
      </aside>

      {/* Behind the open drawer on a phone, the conversation is out of reach, for the keyboard and screen readers too. */}
      <main inert={navOpen && narrow} className="flex min-w-0 flex-1 flex-col">
        {openId && confirmed ? (
          <OpenConversation
            key={openId}
            id={openId}
            listed={summaries.find((c) => c.id === openId)?.title}
            offline={offline}
            limits={limits}
            models={models}
            imageModels={imageModels}
            memoryOpen={memoryOpen}
            onToggleMemory={() => setMemoryOpen((open) => !open)}
            onOpenNav={() => setNavOpen(true)}
            onNew={() => startNew()}
          />
        ) : (
          <p role="status" className="flex flex-1 items-center justify-center text-sm text-zinc-600 dark:text-zinc-400">
            Loading your conversation…
          </p>
        )}
      </main>

      <ConfirmDialog
        open={asking !== null && asking === openId}
        title="Open a conversation from a link?"
        body="Whoever sent you this link can read everything in this conversation, including what you write in it from now on, and can change or delete it. Open it only if you trust them."
        confirmLabel="Open"
        cancelLabel="Start a new chat"
        danger={false}
        onConfirm={() => {
          if (!asking) return;
          writeActiveId(asking);
          rememberId(asking);
          setAllowed(asking);
          setAsking(null);
        }}
        onCancel={() => {
          setAsking(null);
          startNew("replace");
        }}
      />

      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />

      {memoryOpen && openId && confirmed && (
        <aside
          ref={memoryPanel}
          tabIndex={-1}
          aria-label="Memory panel"
          className="fixed inset-0 outline-none z-30 overflow-y-auto border-zinc-200 bg-white sm:inset-y-0 sm:left-auto sm:w-96 sm:border-l lg:static lg:w-80 lg:shrink-0 dark:border-zinc-800 dark:bg-zinc-950"
        >
          <div className="flex justify-end p-2 lg:hidden">
            <button type="button" onClick={closeMemory} className="rounded-lg px-2 py-1 text-sm">
              Close
            </button>
          </div>
          <MemoryPanel conversationId={openId} />
        </aside>
      )}
    </div>
  );
}

/** The header and chat of the open conversation, from its latest stored page. */
function OpenConversation({
  id,
  listed,
  offline,
  limits,
  models,
  imageModels,
  memoryOpen,
  onToggleMemory,
  onOpenNav,
  onNew,
}: {
  id: string;
  listed: string | null | undefined;
  offline: boolean;
  limits: ComposerLimits;
  models: string[];
  imageModels: string[];
  memoryOpen: boolean;
  onToggleMemory: () => void;
  onOpenNav: () => void;
  onNew: () => void;
}) {
  const page = useLatestPage(id);
  const deleted = (page.error as { code?: string } | undefined)?.code === "DELETED";
  useEffect(() => {
    if (deleted) forgetId(id);
  }, [deleted, id]);
  const stored = listed !== undefined || Boolean(page.data?.conversation);
  const title = listed ?? page.data?.conversation?.title;
  // A choice in the picker goes with the next turns, and is stored at once for a conversation that
  // exists; without one, the server uses the stored model (or the default, once that is not offered).
  const [chosen, setChosen] = useState<string | null>(null);
  const storedModel = page.data?.conversation?.model;
  const model = chosen ?? (storedModel && models.includes(storedModel) ? storedModel : models[0]);
  const choose = async (next: string) => {
    setChosen(next);
    if (stored && !(await chooseModel({ id, model: next })).ok) setChosen(null);
  };
  return (
    <>
      <header className="flex items-center gap-1 border-b border-zinc-200 px-2 py-2 sm:px-3 dark:border-zinc-800">
        <div className="md:hidden">
          <IconButton label="Conversations" icon={Menu} tone="header" onClick={onOpenNav} />
        </div>
        <h1 className="min-w-0 flex-1 truncate px-1 text-base font-semibold">{title ?? "New chat"}</h1>
        <div className="md:hidden">
          <IconButton label="New chat" icon={SquarePen} tone="header" onClick={onNew} />
        </div>
        <HeaderActions
          conversationId={id}
          stored={stored}
          models={models}
          model={model}
          onChooseModel={(next) => void choose(next)}
          memoryOpen={memoryOpen}
          onToggleMemory={onToggleMemory}
        />
      </header>
      <StorageNotice />
      {page.data ? (
        <ConversationView
          id={id}
          initial={page.data}
          limits={limits}
          offline={offline}
          chosenModel={chosen}
          model={{ name: model, seesImages: imageModels.includes(model) }}
          onTurnStarted={() => rememberId(id)}
          onTurnSettled={() => revalidateAfterTurn(id)}
        />
      ) : page.error ? (
        <p role="alert" className="flex flex-1 items-center justify-center text-sm text-red-600">
          {page.error.message}
        </p>
      ) : (
        <p role="status" className="flex flex-1 items-center justify-center text-sm text-zinc-600 dark:text-zinc-400">
          Loading your conversation…
        </p>
      )}
    </>
  );
}
