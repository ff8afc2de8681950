"use client";

import { memo } from "react";
import { CopyButton } from "./copy-button";
import { FOOTER_TONES } from "./footer-tones";
import { Markdown } from "./markdown";
import { MessageBoundary } from "./message-boundary";
import { MessageEditor } from "./message-editor";
import { type ChatMessage, messageText } from "./types";
import { VersionSwitcher } from "./version-switcher";

const STATUS_LABEL = {
  streaming: "still being written",
  stopped: "stopped",
  interrupted: "interrupted",
  failed: "failed",
} as const;

/** What can be done to a message from its footer; null while a reply is being written. */
export interface MessageActions {
  startEdit(id: string): void;
  cancelEdit(): void;
  submitEdit(id: string, text: string): void;
  regenerate(id: string): void;
  switchTo(branch: number): void;
}

function MessageItemView({
  message,
  actions,
  editing,
  last,
  maxChars,
}: {
  message: ChatMessage;
  actions: MessageActions | null;
  editing: boolean;
  /** The conversation's last message: a reply there can be regenerated. */
  last: boolean;
  maxChars: number;
}) {
  const text = messageText(message);
  const mine = message.role === "user";
  const status = message.metadata?.status;
  const versions = message.metadata?.versions;
  const tone = mine ? "indigo" : "plain";
  const canRegenerate = !mine && last && status !== "failed" && status !== "streaming";
  return (
    <li
      id={message.metadata?.seq ? `m-${message.metadata.seq}` : undefined}
      className={`group flex scroll-mt-4 rounded-2xl data-[highlighted]:ring-2 data-[highlighted]:ring-amber-400 ${mine ? "justify-end" : "justify-start"}`}
      data-role={message.role}
      data-message-id={message.id}
    >
      {editing && actions ? (
        <MessageEditor
          initial={text}
          maxChars={maxChars}
          onCancel={actions.cancelEdit}
          onSubmit={(edited) => actions.submitEdit(message.id, edited)}
        />
      ) : (
        <article
          aria-label={mine ? "You" : "Assistant"}
          className={`max-w-[min(46rem,90%)] rounded-2xl px-4 py-2.5 text-[15px] leading-relaxed ${
            mine ? "bg-indigo-600 text-white" : "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
          }`}
        >
          <MessageBoundary text={text}>
            {mine ? <p className="whitespace-pre-wrap break-words">{text}</p> : <Markdown text={text} />}
          </MessageBoundary>
          <footer className="mt-1 flex items-center justify-end gap-2">
            {versions && <VersionSwitcher versions={versions} tone={tone} disabled={!actions} onSwitch={(b) => actions?.switchTo(b)} />}
            {status && status !== "complete" && (
              <span className="text-xs italic" data-status={status}>
                {STATUS_LABEL[status]}
              </span>
            )}
            {mine && actions && (
              <button
                type="button"
                onClick={() => actions.startEdit(message.id)}
                className={`rounded px-1.5 py-0.5 text-xs ${FOOTER_TONES[tone]}`}
              >
                Edit
              </button>
            )}
            {canRegenerate && actions && (
              <button
                type="button"
                onClick={() => actions.regenerate(message.id)}
                className={`rounded px-1.5 py-0.5 text-xs ${FOOTER_TONES[tone]}`}
              >
                Regenerate
              </button>
            )}
            {text && <CopyButton text={text} label={mine ? "Copy your message" : "Copy reply"} tone={tone} />}
          </footer>
        </article>
      )}
    </li>
  );
}

export const MessageItem = memo(MessageItemView);
