"use client";

import { FileText, X } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { AttachmentView } from "@/lib/attachments/attachment-view";
import { IconButton } from "../ui/icon-button";

/**
 * A sent message opened in place for editing: Enter sends it as a new version, with the files it
 * keeps (each can be removed first); Esc or Cancel leaves it as it was.
 */
export function MessageEditor({
  initial,
  attachments = [],
  maxChars,
  onSubmit,
  onCancel,
}: {
  initial: string;
  attachments?: AttachmentView[];
  maxChars: number;
  onSubmit: (text: string, kept: AttachmentView[]) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const [kept, setKept] = useState(attachments);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = field.current;
    element?.focus();
    element?.setSelectionRange(element.value.length, element.value.length);
  }, []);
  const tooLong = text.length > maxChars;
  const canSend = text.trim().length > 0 && !tooLong;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (canSend) onSubmit(text, kept);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  };
  return (
    <form onSubmit={submit} className="flex w-[min(46rem,90vw)] flex-col gap-2">
      <textarea
        ref={field}
        aria-label="Edit message"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        rows={Math.min(10, Math.max(2, text.split("\n").length))}
        className="resize-none rounded-xl border border-zinc-300 bg-white px-3 py-2 text-[15px] text-zinc-900 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      />
      {kept.length > 0 && (
        <ul aria-label="Files kept" className="flex flex-wrap gap-2">
          {kept.map((file) => (
            <li
              key={file.id}
              className="flex max-w-56 items-center gap-1.5 rounded-lg border border-zinc-200 bg-white py-1 pr-1 pl-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            >
              <FileText aria-hidden className="size-4 shrink-0 text-zinc-600 dark:text-zinc-300" />
              <span className="truncate text-zinc-900 dark:text-zinc-100">{file.name}</span>
              <IconButton
                label={`Remove ${file.name}`}
                icon={X}
                onClick={() => setKept((now) => now.filter((other) => other.id !== file.id))}
              />
            </li>
          ))}
        </ul>
      )}
      {tooLong && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {text.length.toLocaleString()} characters: the limit is {maxChars.toLocaleString()}.
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button
          type="button"
          onClick={onCancel}
          className="rounded-lg px-3 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          Cancel
        </button>
        <button
          type="submit"
          aria-label="Send edited message"
          disabled={!canSend}
          className="rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-40"
        >
          Send
        </button>
      </div>
    </form>
  );
}
