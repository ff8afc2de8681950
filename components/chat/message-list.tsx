"use client";

import { ArrowDown } from "lucide-react";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { IconButton } from "../ui/icon-button";
import { type MessageActions, MessageItem } from "./message-item";
import type { ChatMessage } from "./types";
import { TypingDots } from "./typing-dots";

/**
 * The conversation, oldest first. It follows new text while the reader is at the bottom, and asks for
 * the previous page when the top comes into view, keeping the reader's place when it arrives.
 */
export function MessageList({
  messages,
  hasMore,
  loadingOlder,
  olderError,
  onLoadOlder,
  waiting,
  actions,
  editingId,
  maxChars,
}: {
  messages: ChatMessage[];
  hasMore: boolean;
  loadingOlder: boolean;
  /** Why the last page asked for did not come (a refusal says when to try again). */
  olderError?: string | null;
  onLoadOlder: () => void;
  waiting: boolean;
  /** Edit, regenerate and versions; absent where messages are only read (a shared link) or while a reply is written. */
  actions?: MessageActions | null;
  editingId?: string | null;
  maxChars?: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Shown once the reader has scrolled up: one click back to the newest message.
  const [awayFromBottom, setAwayFromBottom] = useState(false);
  const previous = useRef({ first: messages[0]?.id, height: 0 });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const firstChanged = previous.current.first !== undefined && previous.current.first !== messages[0]?.id;
    if (firstChanged && previous.current.height > 0) {
      // Older messages were prepended: keep what the reader was looking at in place.
      element.scrollTop += element.scrollHeight - previous.current.height;
    } else if (atBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
    previous.current = { first: messages[0]?.id, height: element.scrollHeight };
  }, [messages]);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasMore) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onLoadOlder();
      },
      { root: scroller.current, rootMargin: "200px 0px 0px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore, onLoadOlder]);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scroller}
        onScroll={(event) => {
          const element = event.currentTarget;
          atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
          setAwayFromBottom(!atBottom.current);
          previous.current.height = element.scrollHeight;
        }}
        className="min-h-0 flex-1 overflow-y-auto px-3 py-4 sm:px-6"
        data-testid="message-scroller"
      >
        <div ref={sentinel} aria-hidden className="h-px" />
        {hasMore && (
          <p className="py-2 text-center text-xs text-zinc-600 dark:text-zinc-400" role="status">
            {loadingOlder ? "Loading earlier messages…" : (olderError ?? "Scroll up for earlier messages")}
          </p>
        )}
        <ol aria-label="Messages" className="mx-auto flex max-w-3xl flex-col gap-3">
          {messages.map((message, index) => (
            <MessageItem
              key={message.id}
              message={message}
              actions={actions ?? null}
              editing={message.id === editingId}
              last={index === messages.length - 1}
              maxChars={maxChars ?? 0}
            />
          ))}
        </ol>
        {waiting && (
          <p className="mx-auto mt-3 flex max-w-3xl items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400" role="status">
            <TypingDots />
            Thinking…
          </p>
        )}
      </div>
      {awayFromBottom && (
        <IconButton
          label="Scroll to the newest message"
          icon={ArrowDown}
          tone="header"
          tooltipSide="top"
          onClick={() => scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: "smooth" })}
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full border border-zinc-200 bg-white shadow-md dark:border-zinc-700 dark:bg-zinc-900"
        />
      )}
    </div>
  );
}
