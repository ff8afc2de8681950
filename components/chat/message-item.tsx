"use client";

import { memo } from "react";
import { CopyButton } from "./copy-button";
import { Markdown } from "./markdown";
import { type ChatMessage, messageText } from "./types";

const STATUS_LABEL = {
  streaming: "still being written",
  stopped: "stopped",
  interrupted: "interrupted",
  failed: "failed",
} as const;

function MessageItemView({ message }: { message: ChatMessage }) {
  const text = messageText(message);
  const mine = message.role === "user";
  const status = message.metadata?.status;
  return (
    <li
      id={message.metadata?.seq ? `m-${message.metadata.seq}` : undefined}
      className={`group flex scroll-mt-4 rounded-2xl data-[highlighted]:ring-2 data-[highlighted]:ring-amber-400 ${mine ? "justify-end" : "justify-start"}`}
      data-role={message.role}
      data-message-id={message.id}
    >
      <article
        aria-label={mine ? "You" : "Assistant"}
        className={`max-w-[min(46rem,90%)] rounded-2xl px-4 py-2.5 text-[15px] leading-relaxed ${
          mine ? "bg-indigo-600 text-white" : "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
        }`}
      >
        {mine ? <p className="whitespace-pre-wrap break-words">{text}</p> : <Markdown text={text} />}
        <footer className="mt-1 flex items-center justify-end gap-2">
          {status && status !== "complete" && (
            <span className="text-xs italic" data-status={status}>
              {STATUS_LABEL[status]}
            </span>
          )}
          {text && <CopyButton text={text} label={mine ? "Copy your message" : "Copy reply"} tone={mine ? "indigo" : "plain"} />}
        </footer>
      </article>
    </li>
  );
}

export const MessageItem = memo(MessageItemView);
