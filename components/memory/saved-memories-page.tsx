"use client";

import { ArrowLeft } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { adoptConversations, changeSavedMemory, countEarlierConversations, getSavedMemories } from "@/app/actions/saved-memory";
import type { ActionResult } from "@/lib/http/action";
import type { SavedChange } from "@/lib/saved-memories/saved-edits";
import type { SavedMemoryView } from "@/lib/saved-memories/saved-memories-view";
import {
  ensureMemoryId,
  readMemoryId,
  useAcrossChats,
  useKnownIds,
  useOtherChats,
  writeAcrossChats,
  writeMemoryId,
  writeOtherChats,
} from "../browser-storage";
import { NETWORK_ERROR_MESSAGE } from "../chat/error-text";
import { ThemeToggle } from "../theme-toggle";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Switch } from "../ui/switch";
import { useHydrated } from "../use-hydrated";
import { MoveToDevice } from "./move-to-device";
import { SavedItemRow } from "./saved-item-row";

type Loaded = { view: SavedMemoryView } | { error: string } | { none: true };

const INPUT = "min-w-0 rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900";

/**
 * What the assistant knows about the user across their conversations (saved memories): each item
 * with when and where it was said; edit, delete, add by hand, forget everything; and the switch for
 * memory across chats. Every change holds from the next turn of every conversation.
 */
export function SavedMemoriesPage() {
  const hydrated = useHydrated();
  const acrossChats = useAcrossChats();
  const otherChats = useOtherChats();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [confirmForget, setConfirmForget] = useState(false);
  const [newKey, setNewKey] = useState("");
  const [newValue, setNewValue] = useState("");
  const [newFact, setNewFact] = useState("");

  const show = useCallback((result: ActionResult<SavedMemoryView> | null) => {
    if (!result) setLoaded({ error: NETWORK_ERROR_MESSAGE });
    else setLoaded(result.ok ? { view: result.data } : { error: result.error.message });
  }, []);

  const reload = useCallback(async () => {
    const memory = readMemoryId();
    if (!memory) return setLoaded({ none: true });
    show(await getSavedMemories({ memory }).catch(() => null));
  }, [show]);
  useEffect(() => {
    if (hydrated) void reload();
  }, [hydrated, reload]);

  const change = async (next: SavedChange) => {
    const memory = readMemoryId() ?? crypto.randomUUID();
    const result = await changeSavedMemory({ memory, change: next }).catch(() => null);
    // The first change made here names this browser's memory, if it had none yet.
    if (result?.ok && !readMemoryId()) writeMemoryId(memory);
    show(result);
  };

  const view = loaded && "view" in loaded ? loaded.view : null;
  const preferences = view?.items.filter((item) => item.kind === "preference") ?? [];
  const facts = view?.items.filter((item) => item.kind === "fact") ?? [];
  const fits = (index: number, kind: "preference" | "fact") =>
    view !== null && (kind === "preference" ? index : preferences.length + index) < view.inPrompt;

  return (
    <div className="min-h-dvh bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <a href="/" className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
          <ArrowLeft aria-hidden className="size-4" />
          Back to chats
        </a>
        <h1 className="flex-1 text-center text-base font-semibold">Memory</h1>
        <ThemeToggle />
      </header>

      <main className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-6 text-sm">
        <section aria-labelledby="across-heading" className="flex flex-col gap-3">
          <h2 id="across-heading" className="sr-only">
            Settings
          </h2>
          <p className="text-zinc-700 dark:text-zinc-300">
            What you tell the assistant about yourself in any of your chats is known in all of them: your name, what you prefer, facts about
            you. When two chats disagree, the later one holds. Chats opened from someone else’s link and temporary chats are never part of
            it.
          </p>
          <Switch
            id="memory-across-chats"
            label="Memory across chats"
            description="On: every chat knows what is saved here, and what you say joins it. Off: each chat remembers only itself, and nothing you say is saved here."
            checked={!hydrated || acrossChats}
            // Until the page has read this browser's setting, a click would be lost (CI caught one).
            disabled={!hydrated}
            onCheckedChange={writeAcrossChats}
          />
          <Switch
            id="reference-other-chats"
            label="Reference other chats"
            description={
              hydrated && !acrossChats
                ? "Needs memory across chats: switch that on first."
                : "On: when you ask about something, the assistant also looks through what was said in your other chats. Off: it looks only in the chat you are in."
            }
            checked={hydrated && acrossChats && otherChats}
            disabled={!hydrated || !acrossChats}
            onCheckedChange={writeOtherChats}
          />
        </section>

        {hydrated && !acrossChats && (
          <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950/60 dark:text-amber-200">
            Memory across chats is off: nothing saved here is used in your chats, and nothing you say is added, until you switch it on
            again.
          </p>
        )}
        {loaded && "error" in loaded && (
          <p role="alert" className="text-red-600">
            {loaded.error}
          </p>
        )}
        {!loaded && hydrated && (
          <p role="status" className="text-zinc-600 dark:text-zinc-400">
            Loading your memory…
          </p>
        )}

        <section aria-labelledby="saved-heading" className="flex flex-col gap-2">
          <div className="flex items-baseline justify-between gap-2">
            <h2 id="saved-heading" className="text-base font-semibold">
              Saved memories
            </h2>
            {view && (
              <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="saved-counts">
                {savedCount(view)}
              </p>
            )}
          </div>
          {view && view.items.length === 0 && (
            <p className="text-zinc-600 dark:text-zinc-400">
              Nothing saved yet. Tell the assistant about yourself in any chat, or add something below.
            </p>
          )}
          {loaded && "none" in loaded && (
            <p className="text-zinc-600 dark:text-zinc-400">Nothing saved yet: memory fills in as you chat.</p>
          )}
          {preferences.length > 0 && (
            <>
              <h3 className="mt-2 font-medium">About you</h3>
              <ul aria-label="About you">
                {preferences.map((item, index) => (
                  <SavedItemRow
                    key={`${item.kind}:${item.key}`}
                    item={item}
                    inPrompt={fits(index, "preference")}
                    onSave={(text) => void change({ op: "set-preference", key: item.key, text })}
                    onDelete={() => void change({ op: "forget", kind: "preference", key: item.key })}
                  />
                ))}
              </ul>
            </>
          )}
          {facts.length > 0 && (
            <>
              <h3 className="mt-2 font-medium">Facts</h3>
              <ul aria-label="Facts">
                {facts.map((item, index) => (
                  <SavedItemRow
                    key={`${item.kind}:${item.key}`}
                    item={item}
                    inPrompt={fits(index, "fact")}
                    onSave={(text) => void change({ op: "edit-fact", key: item.key, text })}
                    onDelete={() => void change({ op: "forget", kind: "fact", key: item.key })}
                  />
                ))}
              </ul>
            </>
          )}
        </section>

        <section aria-labelledby="add-heading" className="flex flex-col gap-2">
          <h2 id="add-heading" className="text-base font-semibold">
            Add by hand
          </h2>
          <form
            className="flex flex-wrap gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              if (!newKey.trim() || !newValue.trim()) return;
              void change({ op: "set-preference", key: newKey.trim(), text: newValue.trim() });
              setNewKey("");
              setNewValue("");
            }}
          >
            <input
              aria-label="Name of what to remember"
              placeholder="name, e.g. language"
              value={newKey}
              onChange={(e) => setNewKey(e.target.value)}
              maxLength={40}
              className={`${INPUT} w-40`}
            />
            <input
              aria-label="What to remember"
              placeholder="value, e.g. British English"
              value={newValue}
              onChange={(e) => setNewValue(e.target.value)}
              maxLength={200}
              className={`${INPUT} flex-1`}
            />
            <button type="submit" className="rounded-lg bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-700">
              Add
            </button>
          </form>
          <form
            className="flex flex-wrap gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              if (!newFact.trim()) return;
              void change({ op: "add-fact", text: newFact.trim() });
              setNewFact("");
            }}
          >
            <input
              aria-label="A fact about you"
              placeholder="a fact, e.g. I am vegetarian"
              value={newFact}
              onChange={(e) => setNewFact(e.target.value)}
              maxLength={300}
              className={`${INPUT} flex-1`}
            />
            <button type="submit" className="rounded-lg bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-700">
              Add fact
            </button>
          </form>
        </section>

        <MoveToDevice />

        <EarlierChats onAdded={() => void reload()} />

        <section aria-labelledby="forget-heading" className="flex flex-col gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <h2 id="forget-heading" className="text-base font-semibold">
            Forget everywhere
          </h2>
          <p className="text-zinc-600 dark:text-zinc-400">
            Forgets everything saved here, in every chat, from the next message on. Your chats and their messages stay.
          </p>
          <div>
            <button
              type="button"
              onClick={() => setConfirmForget(true)}
              className="rounded-lg border border-zinc-300 px-3 py-1 hover:border-red-400 hover:text-red-600 dark:border-zinc-700"
            >
              Forget everywhere
            </button>
          </div>
        </section>
      </main>

      <ConfirmDialog
        open={confirmForget}
        title="Forget everything saved?"
        body="No chat will know what is saved here any more. What you say from now on is saved again, unless you switch memory across chats off."
        confirmLabel="Forget everywhere"
        onCancel={() => setConfirmForget(false)}
        onConfirm={() => {
          setConfirmForget(false);
          void change({ op: "forget-all" });
        }}
      />
    </div>
  );
}

/** "5 saved, from 2 chats and the Memory page": where the listed items came from. */
function savedCount(view: SavedMemoryView): string {
  const total = view.items.length + view.more;
  if (total === 0) return "Nothing saved";
  const chats = new Set(view.items.flatMap((item) => (item.source ? [item.source.conversationId] : []))).size;
  const byHand = view.items.some((item) => item.source === null);
  const from = [chats > 0 ? `${chats} ${chats === 1 ? "chat" : "chats"}` : null, byHand ? "the Memory page" : null]
    .filter(Boolean)
    .join(" and ");
  return `${total} saved, from ${from}`;
}

/**
 * Chats from before memory across chats join it only when the user says so: this browser's list may
 * hold chats opened from someone else's link, which must not feed it.
 */
function EarlierChats({ onAdded }: { onAdded: () => void }) {
  const known = useKnownIds();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [earlier, setEarlier] = useState(0);
  useEffect(() => {
    if (known.length === 0) return;
    void countEarlierConversations({ ids: known })
      .then((result) => setEarlier(result.ok ? result.data.earlier : 0))
      .catch(() => setEarlier(0));
  }, [known]);
  // Shown only to a browser that has such chats (and kept while it says what adding them did).
  if (earlier === 0 && outcome === null) return null;
  const add = async () => {
    const result = await adoptConversations({ memory: ensureMemoryId().id, ids: known }).catch(() => null);
    if (!result) return setOutcome(NETWORK_ERROR_MESSAGE);
    if (!result.ok) return setOutcome(result.error.message);
    setOutcome(
      result.data.adopted === 0
        ? "There were no earlier chats to add: chats started since memory across chats began are part of it already."
        : `${result.data.adopted} earlier ${result.data.adopted === 1 ? "chat was" : "chats were"} added.`,
    );
    setEarlier(0);
    onAdded();
  };
  return (
    <section aria-labelledby="earlier-heading" className="flex flex-col gap-2">
      <h2 id="earlier-heading" className="text-base font-semibold">
        Earlier chats
      </h2>
      <p className="text-zinc-600 dark:text-zinc-400">
        {earlier} {earlier === 1 ? "chat" : "chats"} in this browser {earlier === 1 ? "is" : "are"} from before memory across chats began,
        and not part of it. Add them if you started them yourself: a chat opened from someone else’s link would then share what you say
        about yourself with them, and theirs with you.
      </p>
      <div>
        <button
          type="button"
          onClick={() => void add()}
          className="rounded-lg border border-zinc-300 px-3 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Add my earlier chats
        </button>
      </div>
      {outcome && (
        <p role="status" className="text-zinc-600 dark:text-zinc-400">
          {outcome}
        </p>
      )}
    </section>
  );
}
