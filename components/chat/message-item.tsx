"use client";

import { CircleAlert, Pencil, RefreshCw, RotateCcw } from "lucide-react";
import { memo } from "react";
import type { AttachmentView } from "@/lib/attachments/attachment-view";
import { IconButton } from "../ui/icon-button";
import { CopyButton } from "./copy-button";
import { Markdown } from "./markdown";
import { MessageAttachments } from "./message-attachments";
import { MessageBoundary } from "./message-boundary";
import { MessageEditor } from "./message-editor";
import { type ChatMessage, messageText } from "./types";
import { TypingDots } from "./typing-dots";
import { VersionSwitcher } from "./version-switcher";

/** What a reply that did not end normally says under its bubble. */
const STATUS_LABEL = {
  stopped: "Stopped before the end.",
  interrupted: "Interrupted: the server stopped while writing it.",
  failed: "Failed.",
} as const;

/** What can be done to a message from its footer; null while a reply is being written. */
export interface MessageActions {
  startEdit(id: string): void;
  cancelEdit(): void;
  submitEdit(id: string, text: string, kept: AttachmentView[]): void;
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
  const canRegenerate = !mine && last && status !== "failed" && status !== "streaming";
  // Being written here (the last reply while this tab's turn runs), followed from elsewhere, or cut off.
  const unfinished = !mine && ((status !== undefined && status !== "complete") || (last && actions === null));
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
          attachments={message.metadata?.attachments}
          onSubmit={(edited, kept) => actions.submitEdit(message.id, edited, kept)}
        />
      ) : (
        <article
          aria-label={mine ? "You" : "Assistant"}
          className={`flex max-w-[min(46rem,90%)] flex-col gap-1 ${mine ? "items-end" : "items-start"}`}
        >
          {message.metadata?.attachments?.length ? <MessageAttachments attachments={message.metadata.attachments} mine={mine} /> : null}
          <div
            className={`max-w-full rounded-2xl px-4 py-2.5 text-[15px] leading-relaxed ${
              mine ? "bg-indigo-600 text-white" : "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
            }`}
          >
            <MessageBoundary text={text}>
              {mine ? (
                <div className="markdown-inverse">
                  <Markdown text={text} typed />
                </div>
              ) : (
                <Markdown text={text} unfinished={unfinished} />
              )}
            </MessageBoundary>
          </div>
          {status === "streaming" && (
            <span className="px-2 py-1" data-status="streaming">
              <TypingDots />
            </span>
          )}
          {status && status !== "complete" && status !== "streaming" && (
            <div className="flex items-center gap-2 px-1 text-sm text-zinc-600 dark:text-zinc-400">
              <p className="flex items-center gap-1.5" data-status={status}>
                <CircleAlert aria-hidden className="size-4" />
                {STATUS_LABEL[status]}
              </p>
              {last && actions && (
                <button
                  type="button"
                  onClick={() => actions.regenerate(message.id)}
                  className="inline-flex items-center gap-1 rounded-md px-2 py-0.5 font-medium text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950"
                >
                  <RotateCcw aria-hidden className="size-3.5" />
                  Retry
                </button>
              )}
            </div>
          )}
          <footer className="flex items-center gap-0.5 px-1">
            {versions && <VersionSwitcher versions={versions} disabled={!actions} onSwitch={(b) => actions?.switchTo(b)} />}
            {/* Shown on hover and keyboard focus; always on touch screens, which cannot hover. */}
            <div className="flex items-center gap-0.5 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 pointer-coarse:opacity-100">
              {mine && actions && (
                <IconButton label="Edit" icon={Pencil} tooltipSide="bottom" onClick={() => actions.startEdit(message.id)} />
              )}
              {canRegenerate && actions && (
                <IconButton label="Regenerate" icon={RefreshCw} tooltipSide="bottom" onClick={() => actions.regenerate(message.id)} />
              )}
              {text && <CopyButton text={text} label={mine ? "Copy your message" : "Copy reply"} tooltipSide="bottom" />}
            </div>
          </footer>
        </article>
      )}
    </li>
  );
}

export const MessageItem = memo(MessageItemView);
