"use client";

import type { MessageHit } from "@/lib/conversations/views";

/** "May 3" or "3 May" (the reader's language), with the year when it is not this one. */
function shortDate(iso: string): string {
  const date = new Date(iso);
  const sameYear = date.getFullYear() === new Date().getFullYear();
  return date.toLocaleDateString(undefined, { day: "numeric", month: "short", ...(sameYear ? {} : { year: "numeric" }) });
}

/** Messages found by search: which conversation, who said it and when, and its words around the match, highlighted. */
export function MessageHits({ hits, onOpen }: { hits: MessageHit[]; onOpen: (hit: MessageHit) => void }) {
  return (
    <ul aria-label="Messages found" className="flex flex-col gap-0.5">
      {hits.map((hit) => (
        <li key={`${hit.conversationId}:${hit.seq}`}>
          <button
            type="button"
            onClick={() => onOpen(hit)}
            className="w-full rounded-lg px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-900"
          >
            <span className="flex gap-1 text-xs text-zinc-600 dark:text-zinc-400">
              <span className="min-w-0 truncate">{hit.title ?? "New chat"}</span>
              <span className="shrink-0">
                · {hit.role === "user" ? "You" : "Assistant"}, {shortDate(hit.createdAt)}
              </span>
            </span>
            <span className="line-clamp-3 break-words">
              {hit.snippet.map((part, index) =>
                part.match ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a snippet's parts never move
                  <mark key={index} className="rounded-sm bg-amber-200 text-zinc-900 dark:bg-amber-300">
                    {part.text}
                  </mark>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a snippet's parts never move
                  <span key={index}>{part.text}</span>
                ),
              )}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
