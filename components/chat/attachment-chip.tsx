"use client";

import { CircleAlert, FileText, X } from "lucide-react";
import { fileSize } from "@/lib/attachments/attachment-note";
import { IconButton } from "../ui/icon-button";
import type { PendingAttachment } from "./use-attachment-uploads";

/** A file waiting to go with the next message: thumbnail or icon, name, size, progress or why it failed, and Remove. */
export function AttachmentChip({ item, onRemove }: { item: PendingAttachment; onRemove: () => void }) {
  const failed = item.state === "failed";
  return (
    <li
      className={`relative flex w-56 max-w-full items-center gap-2 rounded-xl border bg-white p-1.5 pr-1 text-sm dark:bg-zinc-900 ${
        failed ? "border-red-300 dark:border-red-800" : "border-zinc-200 dark:border-zinc-700"
      }`}
      data-state={item.state}
    >
      {item.previewUrl ? (
        // biome-ignore lint/performance/noImgElement: a local object URL, which next/image cannot optimize.
        <img src={item.previewUrl} alt="" className="size-10 shrink-0 rounded-lg object-cover" />
      ) : (
        <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
          <FileText aria-hidden className="size-5" />
        </span>
      )}
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium text-zinc-900 dark:text-zinc-100" title={item.name}>
          {item.name}
        </p>
        {failed ? (
          <p role="alert" className="flex items-center gap-1 text-xs text-red-600 dark:text-red-400">
            <CircleAlert aria-hidden className="size-3 shrink-0" />
            <span className="truncate" title={item.error}>
              {item.error}
            </span>
          </p>
        ) : (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {item.state === "ready" ? fileSize(item.stored?.size ?? item.size) : "Uploading…"}
          </p>
        )}
      </div>
      <IconButton label={`Remove ${item.name}`} icon={X} onClick={onRemove} />
      {(item.state === "uploading" || item.state === "queued") && (
        <div
          role="progressbar"
          aria-label={`Uploading ${item.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(item.progress * 100)}
          className="absolute inset-x-2 bottom-0.5 h-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
        >
          <div className="h-full bg-indigo-600 transition-[width]" style={{ width: `${Math.round(item.progress * 100)}%` }} />
        </div>
      )}
    </li>
  );
}
