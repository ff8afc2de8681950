"use client";

import { Copy } from "lucide-react";
import QRCode from "qrcode";
import { useState } from "react";
import { MAX_MOVED_IN_QR, moveFragment } from "@/lib/saved-memories/move-link";
import { ensureMemoryId, useKnownIds } from "../browser-storage";
import { copyLink } from "../copy-link";
import { IconButton } from "../ui/icon-button";

/**
 * "Move to another device": a link, and a QR code, that carry this browser's memory and chat ids in
 * the fragment (never sent to a server). Kept somewhere safe, it also brings everything back to a
 * browser whose data was cleared.
 */
export function MoveToDevice() {
  const known = useKnownIds();
  const [shown, setShown] = useState<{ link: string; qr: string; inQr: number } | null>(null);
  const show = async () => {
    const memory = ensureMemoryId().id;
    const base = `${window.location.origin}/move`;
    const link = `${base}${moveFragment({ memory, ids: known })}`;
    const short = `${base}${moveFragment({ memory, ids: known.slice(0, MAX_MOVED_IN_QR) })}`;
    const svg = await QRCode.toString(short, { type: "svg", errorCorrectionLevel: "L", margin: 2 });
    setShown({ link, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, inQr: Math.min(known.length, MAX_MOVED_IN_QR) });
  };
  return (
    <section aria-labelledby="move-heading" className="flex flex-col gap-2">
      <h2 id="move-heading" className="text-base font-semibold">
        Another device
      </h2>
      <p className="text-zinc-600 dark:text-zinc-400">
        Your chats and your memory live with this browser. This link takes them to another browser or phone, and brings them back here if
        this browser’s data is ever cleared: keep it somewhere safe, like a password. Whoever holds it holds every chat in it.
      </p>
      {shown ? (
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
          {/* biome-ignore lint/performance/noImgElement: an SVG made here as a data URL; there is nothing for next/image to optimize */}
          <img src={shown.qr} alt="QR code of the move link" className="size-48 shrink-0 rounded-lg bg-white p-1" />
          <div className="flex min-w-0 flex-1 flex-col gap-2">
            <div className="flex items-center gap-1">
              <input
                readOnly
                aria-label="Move link"
                value={shown.link}
                onFocus={(event) => event.target.select()}
                className="min-w-0 flex-1 rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
              />
              <IconButton label="Copy link" icon={Copy} onClick={() => void copyLink(shown.link, "Link")} />
            </div>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Link: your memory and all {known.length} {known.length === 1 ? "chat" : "chats"}. QR code:{" "}
              {shown.inQr < known.length ? `your memory and your ${shown.inQr} latest chats` : "the same"}. Both browsers then share them: a
              change on one shows on the other.
            </p>
          </div>
        </div>
      ) : (
        <div>
          <button
            type="button"
            onClick={() => void show()}
            className="rounded-lg border border-zinc-300 px-3 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Move to another device
          </button>
        </div>
      )}
    </section>
  );
}
