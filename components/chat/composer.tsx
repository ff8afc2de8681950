"use client";

import { EyeOff, Paperclip } from "lucide-react";
import { type ClipboardEvent, type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { attachedOnlyText } from "@/lib/attachments/attachment-note";
import type { AttachmentView } from "@/lib/attachments/attachment-view";
import { readDraft, writeDraft } from "../browser-storage";
import { IconButton } from "../ui/icon-button";
import { AttachmentChip } from "./attachment-chip";
import type { useAttachmentUploads } from "./use-attachment-uploads";

/** What the file picker offers; anything else is refused by the server from its bytes anyway. */
const ACCEPTED =
  ".pdf,.docx,.txt,.md,.markdown,.csv,.json,.js,.jsx,.ts,.tsx,.py,.rb,.go,.rs,.java,.kt,.c,.h,.cpp,.cs,.php,.swift,.sh,.sql,.yaml,.yml,.toml,.xml,.html,.css,.log,image/png,image/jpeg,image/webp,image/gif";

/**
 * The message box: Enter sends, Shift+Enter adds a line (on a touch screen Enter adds a line and the
 * Send button sends, as its keyboard has no Shift+Enter); it grows with its text up to 40% of the
 * screen; an unsent draft survives a refresh. Files come from the paperclip or a pasted image
 * (a drop onto the conversation adds them too), each a chip until the message takes them.
 */
export function Composer({
  conversationId,
  busy,
  maxChars,
  uploads,
  blindModel,
  onSend,
  onStop,
  onEditLast,
}: {
  conversationId: string;
  busy: boolean;
  maxChars: number;
  uploads: ReturnType<typeof useAttachmentUploads>;
  /** The next turn's model, when it cannot see images: said before an image is sent to it. */
  blindModel: string | null;
  onSend: (text: string, attachments: AttachmentView[]) => void;
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
  const picker = useRef<HTMLInputElement>(null);
  const tooLong = text.length > maxChars;
  const hasWords = text.trim().length > 0;
  const canSend = !busy && !uploads.uploading && (hasWords || uploads.ready > 0) && !tooLong;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    const files = uploads.take();
    onSend(hasWords ? text : attachedOnlyText(files.map((file) => file.name)), files);
    update("");
  };
  // A pasted image (a screenshot) is attached; pasted text stays text.
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files];
    if (files.length === 0 || event.clipboardData.types.includes("text/plain")) return;
    event.preventDefault();
    uploads.add(files);
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
      {uploads.items.length > 0 && (
        <ul aria-label="Files to send" className="mx-auto mb-2 flex max-w-3xl flex-wrap gap-2">
          {uploads.items.map((item) => (
            <AttachmentChip key={item.key} item={item} onRemove={() => uploads.remove(item.key)} />
          ))}
        </ul>
      )}
      {blindModel && uploads.items.some((item) => item.image) && (
        <p role="status" className="mx-auto mb-2 flex max-w-3xl items-center gap-1.5 text-xs text-amber-700 dark:text-amber-400">
          <EyeOff aria-hidden className="size-3.5 shrink-0" />
          {blindModel === "offline" ? "The offline model" : blindModel} cannot see images: it is told each image's name, type, size and
          dimensions.
        </p>
      )}
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        <input
          ref={picker}
          type="file"
          multiple
          accept={ACCEPTED}
          hidden
          data-testid="attach-input"
          onChange={(event) => {
            uploads.add([...(event.target.files ?? [])]);
            event.target.value = "";
          }}
        />
        <IconButton label="Attach files" icon={Paperclip} onClick={() => picker.current?.click()} className="mb-2" />
        <textarea
          aria-label="Message"
          value={text}
          onChange={(event) => update(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
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
