import { Download, FileText } from "lucide-react";
import { fileSize } from "@/lib/attachments/attachment-note";
import { INLINE_IMAGE_TYPES, typeLabel } from "@/lib/attachments/attachment-type";
import { type AttachmentView, downloadUrl } from "@/lib/attachments/attachment-view";

/** The files sent with a message: images as thumbnails that open full size, anything else as a download. */
export function MessageAttachments({ attachments, mine }: { attachments: AttachmentView[]; mine: boolean }) {
  return (
    <ul aria-label="Attached files" className={`flex max-w-full flex-wrap gap-2 ${mine ? "justify-end" : "justify-start"}`}>
      {attachments.map((file) =>
        INLINE_IMAGE_TYPES.has(file.mediaType) ? (
          <li key={file.id}>
            <a
              href={file.url}
              target="_blank"
              rel="noopener"
              title={`${file.name}: open full size`}
              className="block rounded-xl focus-visible:ring-2 focus-visible:ring-indigo-500"
            >
              {/* biome-ignore lint/performance/noImgElement: served from the database with its own headers; next/image would fetch and copy it. */}
              <img
                src={file.url}
                alt={file.name}
                loading="lazy"
                width={file.width ?? undefined}
                height={file.height ?? undefined}
                className="max-h-48 w-auto max-w-[min(20rem,80vw)] rounded-xl border border-zinc-200 object-cover dark:border-zinc-700"
              />
            </a>
          </li>
        ) : (
          <li key={file.id}>
            <a
              href={downloadUrl(file.url)}
              download={file.name}
              className="flex max-w-64 items-center gap-2 rounded-xl border border-zinc-200 bg-white p-2 pr-3 text-sm hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
            >
              <FileText aria-hidden className="size-5 shrink-0 text-zinc-600 dark:text-zinc-300" />
              <span className="min-w-0">
                <span className="block truncate font-medium text-zinc-900 dark:text-zinc-100">{file.name}</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {typeLabel(file.mediaType)}, {fileSize(file.size)}
                </span>
              </span>
              <Download aria-hidden className="size-4 shrink-0 text-zinc-500" />
            </a>
          </li>
        ),
      )}
    </ul>
  );
}
