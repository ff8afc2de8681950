"use client";

import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";

/** A sent message opened in place for editing: Enter sends it as a new version, Esc or Cancel leaves it as it was. */
export function MessageEditor({
  initial,
  maxChars,
  onSubmit,
  onCancel,
}: {
  initial: string;
  maxChars: number;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
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
    if (canSend) onSubmit(text);
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
