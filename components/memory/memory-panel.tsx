"use client";

import { useState } from "react";
import { clearMemory, updatePreferences } from "@/app/actions/memory";
import type { MemoryView } from "@/lib/conversations/views";
import type { ActionResult } from "@/lib/http/action";
import { useAcrossChats } from "../browser-storage";
import { setMemoryView, useMemoryView } from "../client-data";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Expandable, isLong } from "../ui/expandable";
import { AssistantView } from "./assistant-view";
import { PreferenceRow } from "./preference-row";

type Pending = { title: string; body: string; label: string; run: () => Promise<ActionResult<MemoryView>> };

const CLEAR = {
  summary: "the summary and facts",
  preferences: "the preferences",
  all: "everything this conversation remembers",
} as const;

/** What the conversation remembers, editable: the summary, preferences and facts, and how the window is used. */
export function MemoryPanel({ conversationId }: { conversationId: string }) {
  const { data: result, isLoading } = useMemoryView(conversationId);
  const acrossChats = useAcrossChats();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [newKey, setNewKey] = useState("");
  const [newValue, setNewValue] = useState("");

  const apply = async (run: () => Promise<ActionResult<MemoryView>>) => {
    const outcome = await run();
    if (outcome.ok) {
      void setMemoryView(conversationId, outcome);
      setError(null);
    } else {
      setError(outcome.error.message);
    }
  };
  const setPreference = (key: string, value: string | null) =>
    apply(() => updatePreferences({ id: conversationId, changes: [{ key, value }] }));

  if (isLoading || !result)
    return (
      <p role="status" className="p-4 text-sm text-zinc-600 dark:text-zinc-400">
        Loading memory…
      </p>
    );
  if (!result.ok) {
    const empty = result.error.code === "NOT_FOUND";
    return (
      <p className="p-4 text-sm text-zinc-600 dark:text-zinc-400">
        {empty ? "Nothing remembered yet: memory fills in as you chat." : result.error.message}
      </p>
    );
  }
  const memory = result.data;
  const preferences = Object.entries(memory.preferences);
  return (
    <section aria-labelledby="memory-heading" className="flex flex-col gap-4 p-4 text-sm">
      <h2 id="memory-heading" className="text-base font-semibold">
        Memory
      </h2>
      <p className="text-zinc-600 dark:text-zinc-400" data-testid="memory-scope">
        What this chat remembers by itself. What all your chats know about you is on the{" "}
        <a href="/memory" className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
          Memory page
        </a>
        {acrossChats ? ", and every reply here uses it too." : " (memory across chats is off)."}
      </p>
      <p className="text-zinc-600 dark:text-zinc-400" data-testid="memory-counts">
        {memory.windowMessages} messages in the live window ({memory.windowTokens} tokens) · {memory.summarizedMessages} in the summary ·{" "}
        {memory.turns} {memory.turns === 1 ? "turn" : "turns"}
      </p>
      {error && (
        <p role="alert" className="text-red-600">
          {error}
        </p>
      )}

      <div>
        <h3 className="mb-1 font-medium">Summary</h3>
        <Expandable long={isLong(memory.summary)}>
          <p className="whitespace-pre-wrap text-zinc-700 dark:text-zinc-300" data-testid="memory-summary">
            {memory.summary || "No summary yet: older messages are summarized once the window is full."}
          </p>
        </Expandable>
      </div>

      <div>
        <h3 className="mb-1 font-medium">Preferences</h3>
        {preferences.length === 0 ? (
          <p className="text-zinc-600 dark:text-zinc-400">None yet. Say “my name is …” or “let’s talk about …”.</p>
        ) : (
          <ul aria-label="Preferences">
            {preferences.map(([key, value]) => (
              <PreferenceRow
                key={key}
                name={key}
                value={value}
                onSave={(next) => void setPreference(key, next)}
                onDelete={() =>
                  setPending({
                    title: `Forget “${key}”?`,
                    body: `The conversation will no longer remember ${key}: ${value}.`,
                    label: "Forget",
                    run: () => updatePreferences({ id: conversationId, changes: [{ key, value: null }] }),
                  })
                }
              />
            ))}
          </ul>
        )}
        <form
          className="mt-2 flex gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            if (!newKey.trim() || !newValue.trim()) return;
            void setPreference(newKey.trim(), newValue.trim());
            setNewKey("");
            setNewValue("");
          }}
        >
          <input
            aria-label="New preference name"
            placeholder="name"
            value={newKey}
            onChange={(e) => setNewKey(e.target.value)}
            className="w-24 rounded border border-zinc-300 bg-white px-1.5 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <input
            aria-label="New preference value"
            placeholder="value"
            value={newValue}
            onChange={(e) => setNewValue(e.target.value)}
            className="min-w-0 flex-1 rounded border border-zinc-300 bg-white px-1.5 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button type="submit" className="rounded px-2 text-xs text-indigo-700 dark:text-indigo-300">
            Add
          </button>
        </form>
      </div>

      {memory.facts.length > 0 && (
        <div>
          <h3 className="mb-1 font-medium">Facts</h3>
          <ul aria-label="Facts" className="list-disc pl-5 text-zinc-700 dark:text-zinc-300">
            {memory.facts.map((fact) => (
              <li key={fact}>{fact}</li>
            ))}
          </ul>
        </div>
      )}

      <AssistantView conversationId={conversationId} />

      <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        {(Object.keys(CLEAR) as (keyof typeof CLEAR)[]).map((scope) => (
          <button
            key={scope}
            type="button"
            onClick={() =>
              setPending({
                title: "Clear memory?",
                body: `This forgets ${CLEAR[scope]}. The messages themselves stay.`,
                label: "Clear",
                run: () => clearMemory({ id: conversationId, scope }),
              })
            }
            className="rounded-lg border border-zinc-300 px-2 py-1 text-xs hover:border-red-400 hover:text-red-600 dark:border-zinc-700"
          >
            {scope === "all" ? "Clear all memory" : scope === "summary" ? "Clear summary" : "Clear preferences"}
          </button>
        ))}
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={pending?.title ?? ""}
        body={pending?.body ?? ""}
        confirmLabel={pending?.label ?? "OK"}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (pending) void apply(pending.run);
          setPending(null);
        }}
      />
    </section>
  );
}
