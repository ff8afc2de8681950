"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { fileSize } from "@/lib/attachments/attachment-note";
import type { AttachmentView } from "@/lib/attachments/attachment-view";
import type { ComposerLimits } from "./types";

/** A file on its way to the next message: a chip in the composer. */
export interface PendingAttachment {
  key: string;
  name: string;
  size: number;
  /** An image a model may see (PNG, JPEG, WebP or GIF, as the browser says). */
  image: boolean;
  /** A local preview of an image, shown before and while it uploads. */
  previewUrl: string | null;
  /** 0 to 1, while uploading. */
  progress: number;
  state: "queued" | "uploading" | "ready" | "failed";
  error?: string;
  /** Once stored: the server's view of it, whose id the message sends. */
  stored?: AttachmentView;
}

/** Uploads at once per tab: the server takes two per client, so a third would only be refused. */
const AT_ONCE = 2;

const previewable = (file: File) => /^image\/(png|jpeg|webp|gif)$/.test(file.type);

/**
 * The files attached to the next message of conversation `conversationId`: added from the paperclip,
 * a drop or a paste, checked against `limits` here first, uploaded two at a time with their progress,
 * removed (a stored one is deleted on the server too), and taken by the message that sends them.
 */
export function useAttachmentUploads(conversationId: string, limits: ComposerLimits) {
  const [items, setItems] = useState<PendingAttachment[]>([]);
  const files = useRef(new Map<string, File>());
  const requests = useRef(new Map<string, XMLHttpRequest>());
  const itemsNow = useRef(items);
  itemsNow.current = items;

  const update = useCallback((key: string, change: Partial<PendingAttachment>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const upload = useCallback(
    (key: string, file: File) => {
      const request = new XMLHttpRequest();
      requests.current.set(key, request);
      request.open("POST", `/api/conversations/${conversationId}/attachments?name=${encodeURIComponent(file.name)}`);
      request.setRequestHeader("Content-Type", "application/octet-stream");
      request.responseType = "json";
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) update(key, { progress: event.loaded / event.total });
      };
      const done = (change: Partial<PendingAttachment>) => {
        requests.current.delete(key);
        files.current.delete(key);
        update(key, change);
      };
      request.onload = () => {
        const body = request.response as (AttachmentView & { error?: { message?: string } }) | null;
        if (request.status === 201 && body?.id) done({ state: "ready", progress: 1, stored: body });
        else done({ state: "failed", error: body?.error?.message ?? "The file could not be uploaded." });
      };
      request.onerror = () => done({ state: "failed", error: "The upload failed. Check your connection and try again." });
      update(key, { state: "uploading" });
      request.send(file);
    },
    [conversationId, update],
  );

  // Starts queued uploads while fewer than AT_ONCE are running.
  useEffect(() => {
    const running = items.filter((item) => item.state === "uploading").length;
    const next = items.filter((item) => item.state === "queued").slice(0, Math.max(0, AT_ONCE - running));
    for (const item of next) {
      const file = files.current.get(item.key);
      if (file) upload(item.key, file);
    }
  }, [items, upload]);

  const add = useCallback(
    (chosen: File[]) => {
      const room = limits.maxFiles - itemsNow.current.length;
      const added = chosen.map((file, i): PendingAttachment => {
        const key = crypto.randomUUID();
        const base = {
          key,
          name: file.name || "pasted image",
          size: file.size,
          image: previewable(file),
          previewUrl: previewable(file) ? URL.createObjectURL(file) : null,
          progress: 0,
        };
        if (i >= room) return { ...base, state: "failed", error: `A message can carry at most ${limits.maxFiles} files.` };
        if (file.size > limits.maxFileBytes)
          return { ...base, state: "failed", error: `Larger than the limit of ${fileSize(limits.maxFileBytes)}.` };
        if (file.size === 0) return { ...base, state: "failed", error: "The file is empty." };
        files.current.set(key, file);
        return { ...base, state: "queued" };
      });
      setItems((current) => [...current, ...added]);
    },
    [limits.maxFiles, limits.maxFileBytes],
  );

  const remove = useCallback(
    (key: string) => {
      const item = itemsNow.current.find((candidate) => candidate.key === key);
      requests.current.get(key)?.abort();
      requests.current.delete(key);
      files.current.delete(key);
      if (item?.previewUrl) URL.revokeObjectURL(item.previewUrl);
      if (item?.stored) {
        void fetch(`/api/conversations/${conversationId}/attachments/${item.stored.id}`, {
          method: "DELETE",
          headers: { "Content-Type": "application/json" },
        }).catch(() => undefined);
      }
      setItems((current) => current.filter((candidate) => candidate.key !== key));
    },
    [conversationId],
  );

  /** The stored files, handed to the message being sent; the chips go (their previews stay with the message). */
  const take = useCallback((): AttachmentView[] => {
    const stored = itemsNow.current.flatMap((item) => (item.stored ? [item.stored] : []));
    setItems([]);
    return stored;
  }, []);

  const uploading = items.some((item) => item.state === "queued" || item.state === "uploading");
  const ready = items.filter((item) => item.state === "ready").length;
  return { items, add, remove, take, uploading, ready };
}
