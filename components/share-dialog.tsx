"use client";

import { TriangleAlert } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { createShareLink, readShareLink, removeShareLink } from "@/app/actions/share";
import type { ShareLinkView } from "@/lib/conversations/share";
import { copyLink } from "./copy-link";
import { LocalTime } from "./local-time";
import { Modal } from "./ui/modal";

const button = "rounded-lg px-3 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800";
const primary = "rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700";
const danger = "rounded-lg px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/50";

/**
 * Share: a read-only link to the conversation as it is now (not what is written later, not its
 * memory), which can be moved to the latest message or revoked. The conversation's own link, which
 * grants everything, is offered apart, folded, behind a warning that says so.
 */
export function ShareDialog({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const [link, setLink] = useState<ShareLinkView | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  // The main action (Create link, or Copy link once there is one) takes focus when it appears: the
  // button pressed before it may have just gone.
  const main = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (link !== undefined) main.current?.focus();
  }, [link]);

  useEffect(() => {
    void readShareLink({ id: conversationId }).then((result) => (result.ok ? setLink(result.data) : setError(result.error.message)));
  }, [conversationId]);

  const run = async (action: () => Promise<{ ok: true; data: ShareLinkView | null } | { ok: false; error: { message: string } }>) => {
    setError(null);
    const result = await action();
    if (result.ok) setLink(result.data);
    else setError(result.error.message);
  };
  const url = link ? `${location.origin}/s/${link.token}` : "";
  const copyPrivate = () => copyLink(`${location.origin}/c/${conversationId}`, "Private link");

  return (
    <Modal open title="Share a read-only link" wide onClose={onClose}>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Anyone with the link can read this conversation as it is now: not what is written after, and not its memory. They cannot write in
        it, change it or delete it. You can revoke the link at any time.
      </p>
      {link === undefined && !error && (
        <p role="status" className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
          Loading…
        </p>
      )}
      {link && (
        <div className="mt-4 flex flex-col gap-2">
          <input
            readOnly
            aria-label="Read-only link"
            value={url}
            onFocus={(event) => event.currentTarget.select()}
            className="w-full rounded-lg border border-zinc-300 bg-zinc-50 px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-800"
          />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Shows the conversation as it was on <LocalTime iso={link.sharedAt} />.
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <div className="mt-5 flex flex-wrap items-center justify-end gap-2">
        {link && (
          <>
            <button type="button" className={`${danger} mr-auto`} onClick={() => run(() => removeShareLink({ id: conversationId }))}>
              Revoke link
            </button>
            <button type="button" className={button} onClick={() => run(() => createShareLink({ id: conversationId }))}>
              Include new messages
            </button>
            <button ref={main} type="button" className={primary} onClick={() => copyLink(url, "Read-only link")}>
              Copy link
            </button>
          </>
        )}
        {link === null && (
          <button ref={main} type="button" className={primary} onClick={() => run(() => createShareLink({ id: conversationId }))}>
            Create link
          </button>
        )}
        <button type="button" className={button} onClick={onClose}>
          Close
        </button>
      </div>
      <details className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-800 dark:bg-amber-950/40">
        <summary className="cursor-pointer font-medium">Continue on another device instead</summary>
        <p className="mt-2 flex gap-2 text-amber-900 dark:text-amber-200">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            The private link gives <strong>full control</strong>: whoever has it can read everything, write in this conversation, change its
            memory and delete it. Send it only to yourself.
          </span>
        </p>
        <button type="button" className={`${button} mt-2 border border-amber-400 dark:border-amber-700`} onClick={copyPrivate}>
          Copy private link
        </button>
      </details>
    </Modal>
  );
}
