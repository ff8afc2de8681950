"use client";

import { type FormEvent, type KeyboardEvent, useEffect, useState } from "react";
import { readDraft, writeDraft } from "../browser-storage";

/**
 * The message box: Enter sends, Shift+Enter adds a line (on a touch screen Enter adds a line and the
 * Send button sends, as its keyboard has no Shift+Enter); it grows with its text up to 40% of the
 * screen; an unsent draft survives a refresh.
 */
export function Composer({
  conversationId,
  busy,
  maxChars,
  onSend,
  onStop,
  onEditLast,
}: {
  conversationId: string;
  busy: boolean;
  maxChars: number;
  onSend: (text: string) => void;
  onStop: () => void;
  /** Up arrow in an empty box: edit the last message sent. */
  onEditLast: () => void;
}) {
  const [text, setText] = useState("");
  useEffect(() => setText(readDraft(conversationId)), [conversationId]);

  const update = (value: string) => {
    setText(value);
    writeDraft(conversationId, value);
  };
  const tooLong = text.length > maxChars;
  const canSend = !busy && text.trim().length > 0 && !tooLong;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    onSend(text);
    update("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "Enter" && !event.shiftKey && !matchMedia("(pointer: coarse)").matches) {
      event.preventDefault();
      submit();
    } else if (event.key === "ArrowUp" && text === "" && !busy) {
      event.preventDefault();
      onEditLast();
    }
  };

  return (
    <form onSubmit={submit} className="border-t border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        <textarea
          aria-label="Message"
          value={text}
          onChange={(event) => update(event.target.value)}
          onKeyDown={onKeyDown}
          rows={Math.min(8, Math.max(1, text.split("\n").length))}
          placeholder="Write a message…"
          className="field-sizing-content max-h-[40dvh] min-h-11 flex-1 resize-none overflow-y-auto rounded-xl border border-zinc-300 bg-white px-3 py-2.5 text-[15px] outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 dark:border-zinc-700 dark:bg-zinc-900"
        />
        {busy ? (
          <button
            type="button"
            onClick={onStop}
            className="h-11 rounded-xl bg-zinc-800 px-4 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-200 dark:text-zinc-900"
          >
            Stop
          </button>
        ) : (
          <button
            type="submit"
            disabled={!canSend}
            className="h-11 rounded-xl bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-40"
          >
            Send
          </button>
        )}
      </div>
      {/* For hardware keyboards only: a touch keyboard has no Shift+Enter. */}
      <p className="mx-auto mt-1 max-w-3xl px-1 text-xs text-zinc-600 pointer-coarse:hidden dark:text-zinc-400">
        <kbd className="font-sans">Enter</kbd> to send, <kbd className="font-sans">Shift+Enter</kbd> for a new line
      </p>
      {tooLong && (
        <p role="alert" className="mx-auto mt-1 max-w-3xl text-xs text-red-600">
          {text.length.toLocaleString()} characters: the limit is {maxChars.toLocaleString()}.
        </p>
      )}
    </form>
  );
}
