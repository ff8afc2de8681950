"use client";

import { type ReactNode, useState } from "react";
import type { PromptContextView } from "@/lib/conversations/views";
import type { RecallSource } from "@/lib/memory/recall-select";
import type { SavedItem } from "@/lib/saved-memories/derive-saved";
import { memoryForTurn, readDraft, readOtherChats } from "../browser-storage";
import { Markdown } from "../chat/markdown";
import { useLatestPage } from "../client-data";
import { jumpToMessage } from "../jump-to-message";
import { Expandable, isLong } from "../ui/expandable";
import { Modal } from "../ui/modal";

/** Long drafts do not fit in a URL; the view says so rather than showing something else. */
const MAX_URL_CHARS = 8_000;

/** The prompt's sections, as people call them. */
const SECTION_NAMES: Record<string, string> = {
  instructions: "Instructions",
  summary: "Summary",
  profile: "About you",
  recalled: "Recalled",
  elsewhere: "Recalled from your other chats",
  files: "From files you sent",
  window: "Recent messages",
  message: "Your message",
};

/** How each recalled line was found, as the panel says it. */
const FOUND_BY: Record<RecallSource, string> = { words: "found by words", meaning: "found by meaning", neighbour: "next to a match" };

type Shown = { for: "draft" | "last message"; context: PromptContextView } | { error: string };

/**
 * "What the assistant sees": exactly what the model would receive if the draft (or, without one, the
 * last message) were sent next, section by section, from GET /api/conversations/<id>/context.
 */
export function AssistantView({ conversationId }: { conversationId: string }) {
  const page = useLatestPage(conversationId);
  const [shown, setShown] = useState<Shown | null>(null);
  const [loading, setLoading] = useState(false);

  const show = async () => {
    const draft = readDraft(conversationId).trim();
    const last = page.data?.messages.filter((message) => message.role === "user").at(-1);
    const text = draft || last?.content;
    if (!text) return setShown({ error: "Type a message first: this shows what the assistant would receive with it." });
    // With the files the draft would carry (those waiting in the composer), or those the last message was sent with.
    const files = draft ? "&draft=1" : last ? `&of=${last.id}` : "";
    const url = `/api/conversations/${conversationId}/context?message=${encodeURIComponent(text)}${files}`;
    if (url.length > MAX_URL_CHARS) return setShown({ error: "This draft is too long to preview here." });
    setLoading(true);
    try {
      // With memory across chats, the profile is what every conversation of this browser's memory knows; a temporary chat sends none.
      const memory = page.data?.conversation?.temporaryUntil ? null : memoryForTurn();
      const headers: Record<string, string> = memory ? { "x-memory-id": memory, ...(!readOtherChats() && { "x-other-chats": "off" }) } : {};
      const response = await fetch(url, { headers });
      const body = (await response.json()) as PromptContextView | { error: { message: string } };
      setShown("error" in body ? { error: body.error.message } : { for: draft ? "draft" : "last message", context: body });
    } catch {
      setShown({ error: "Could not load what the assistant sees. Try again." });
    } finally {
      setLoading(false);
    }
  };

  return (
    <div>
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-medium">What the assistant sees</h3>
        <button
          type="button"
          onClick={() => void show()}
          disabled={loading}
          className="rounded px-2 py-0.5 text-xs text-indigo-700 dark:text-indigo-300"
        >
          Show
        </button>
      </div>
      <Modal open={shown !== null} title="What the assistant sees" size="sheet" onClose={() => setShown(null)}>
        {shown && "error" in shown && <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{shown.error}</p>}
        {shown && "context" in shown && (
          <div className="text-sm">
            <div className="mt-1 flex items-center justify-between gap-2">
              <p className="text-zinc-600 dark:text-zinc-400" data-testid="context-total">
                For your {shown.for}: {shown.context.messages.length} messages, {shown.context.totalTokens} tokens.
              </p>
              <button
                type="button"
                onClick={() => void show()}
                disabled={loading}
                className="rounded px-2 py-0.5 text-xs text-indigo-700 dark:text-indigo-300"
              >
                Refresh
              </button>
            </div>
            {shown.context.indexing.pending > 0 && (
              <p className="mt-1 text-zinc-600 dark:text-zinc-400" data-testid="context-indexing">
                Still reading {shown.context.indexing.pending.toLocaleString()} older messages for their meaning: until then, recall finds
                them by their words.
              </p>
            )}
            <ol aria-label="What the assistant sees" className="mt-3 flex flex-col gap-2">
              {shown.context.messages.map((message, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
                <li key={index} data-section={message.section} className="rounded-lg border border-zinc-200 dark:border-zinc-700">
                  <details open={message.section !== "instructions"}>
                    <summary className="cursor-pointer px-3 py-2 text-xs font-medium text-zinc-600 dark:text-zinc-400">
                      {SECTION_NAMES[message.section] ?? message.section} · {message.role} · {message.tokens} tokens
                    </summary>
                    <div className="border-t border-zinc-200 px-3 py-2 dark:border-zinc-700">
                      {message.recalled ? (
                        <ul aria-label="Recalled messages" className="mb-2 flex flex-col gap-1">
                          {message.recalled.map((line) => (
                            <li key={line.chat ? `${line.chat.conversationId}:${line.seq}` : line.seq}>
                              {line.chat ? (
                                // Another chat: its title is for the user; the model reads only "chat N".
                                <a
                                  href={`/c/${line.chat.conversationId}#m-${line.seq}`}
                                  className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
                                >
                                  {line.chat.title || "New chat"} · {line.role} · {line.createdAt.slice(0, 10)}
                                </a>
                              ) : (
                                <MessageLink seq={line.seq} onJump={() => setShown(null)}>
                                  #{line.seq} · {line.role} · {line.createdAt.slice(0, 10)}
                                </MessageLink>
                              )}
                              <span className="text-xs text-zinc-600 dark:text-zinc-400"> · {FOUND_BY[line.foundBy]}</span>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      {message.saved ? <SavedSources items={message.saved} /> : null}
                      {message.files ? (
                        <ul aria-label="Passages of files" className="mb-2 flex flex-col gap-1">
                          {message.files.map((line, at) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
                            <li key={at}>
                              <MessageLink seq={line.seq} onJump={() => setShown(null)}>
                                {line.name}
                                {line.page ? ` · page ${line.page}` : ""} · sent in #{line.seq}
                              </MessageLink>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      <Expandable long={isLong(message.content)}>
                        <Markdown text={message.content} typed />
                      </Expandable>
                    </div>
                  </details>
                </li>
              ))}
            </ol>
          </div>
        )}
      </Modal>
    </div>
  );
}

/** A link to message `seq` of this conversation: a plain click closes the view (`onJump`) and scrolls there. */
function MessageLink({ seq, onJump, children }: { seq: number; onJump: () => void; children: ReactNode }) {
  return (
    <a
      href={`#m-${seq}`}
      onClick={(event) => {
        // A click with a modifier opens the link elsewhere, as usual.
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        onJump();
        jumpToMessage(seq);
      }}
      className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
    >
      {children}
    </a>
  );
}

/** Where the profile's items come from, with memory across chats: each chat (linked) and how many items it gave. */
function SavedSources({ items }: { items: SavedItem[] }) {
  const sources = new Map<string, { href: string; title: string; count: number; latest: string }>();
  for (const item of items) {
    const key = item.source?.conversationId ?? "memory-page";
    const known = sources.get(key);
    if (known) {
      known.count++;
      if (item.at > known.latest) known.latest = item.at;
    } else
      sources.set(key, {
        href: item.source ? `/c/${item.source.conversationId}${item.source.seq ? `#m-${item.source.seq}` : ""}` : "/memory",
        title: item.source ? item.source.title : "Memory page",
        count: 1,
        latest: item.at,
      });
  }
  return (
    <ul aria-label="Where each item comes from" className="mb-2 flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
      {[...sources.values()].map((source) => (
        <li key={source.href}>
          From{" "}
          <a href={source.href} className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            {source.title}
          </a>{" "}
          · {source.count} {source.count === 1 ? "item" : "items"} · latest {source.latest.slice(0, 10)}
        </li>
      ))}
    </ul>
  );
}
