"use client";

import { Upload } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { memoryForTurn, rememberId } from "../browser-storage";
import { Modal } from "../ui/modal";

interface Imported {
  id: string;
  title: string;
  messages: number;
}

type ImportState =
  | { step: "idle" }
  | { step: "uploading"; percent: number; name: string }
  | { step: "importing"; name: string }
  | { step: "done"; conversations: Imported[]; skipped: number }
  | { step: "failed"; message: string };

/** Whether a file is a zip (this app's export with files), by its first bytes, whatever its name. */
async function isZip(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** POSTs the file as it is (no copy in memory), as JSON or as a zip, reporting upload progress: fetch cannot. */
function upload(
  file: File,
  zip: boolean,
  signal: AbortSignal,
  onProgress: (percent: number) => void,
  onUploaded: () => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    signal.addEventListener("abort", () => request.abort(), { once: true });
    request.onabort = () => reject(new DOMException("The import was cancelled.", "AbortError"));
    request.open("POST", "/api/conversations/import");
    request.setRequestHeader("content-type", zip ? "application/zip" : "application/json");
    // The imported conversations feed this browser's memory, unless memory across chats is off.
    const memory = memoryForTurn();
    if (memory) request.setRequestHeader("x-memory-id", memory);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(Math.round((100 * event.loaded) / event.total));
    request.upload.onload = onUploaded;
    request.onload = () => {
      try {
        resolve({ status: request.status, body: JSON.parse(request.responseText) });
      } catch {
        reject(new Error("The server's answer could not be read."));
      }
    };
    request.onerror = () => reject(new Error("The file could not be sent. Check the connection and try again."));
    request.send(file);
  });
}

/**
 * Import: a dialog that says what can be imported (a ChatGPT conversations.json, this app's JSON or
 * zip export, or a transcript), takes a chosen or dropped file, shows its progress, names a bad file's problem,
 * and opens what was imported. Imported conversations join this browser's list, like the ones started here.
 */
export function ImportButton({ onOpen }: { onOpen: (id: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [state, setState] = useState<ImportState>({ step: "idle" });
  const busy = state.step === "uploading" || state.step === "importing";

  // Closing the dialog cancels an import under way: it would otherwise open a conversation later, unasked.
  const cancel = useRef<AbortController | null>(null);
  const close = () => {
    cancel.current?.abort();
    setOpen(false);
  };
  // While the dialog is open, a file dropped beside its drop zone is not opened by the browser in place of the app.
  useEffect(() => {
    if (!open) return;
    const keep = (event: DragEvent) => event.preventDefault();
    window.addEventListener("dragover", keep);
    window.addEventListener("drop", keep);
    return () => {
      window.removeEventListener("dragover", keep);
      window.removeEventListener("drop", keep);
    };
  }, [open]);

  const start = async (file: File) => {
    if (busy) return void toast.info("One import at a time: this one is still under way.");
    const controller = new AbortController();
    cancel.current = controller;
    setState({ step: "uploading", percent: 0, name: file.name });
    try {
      const { status, body } = await upload(
        file,
        await isZip(file),
        controller.signal,
        (percent) => setState({ step: "uploading", percent, name: file.name }),
        () => setState({ step: "importing", name: file.name }),
      );
      if (status !== 201) {
        const message = (body as { error?: { message?: string } }).error?.message ?? "The import failed.";
        return setState({ step: "failed", message: `${file.name} was not imported. ${message}` });
      }
      const { conversations, skipped } = body as { conversations: Imported[]; skipped: unknown[] };
      for (const conversation of [...conversations].reverse()) rememberId(conversation.id);
      setState({ step: "done", conversations, skipped: skipped.length });
      if (conversations[0]) {
        toast.success(`Imported ${conversations.length} conversation${conversations.length === 1 ? "" : "s"}`);
        if (conversations.length === 1) {
          setOpen(false);
          onOpen(conversations[0].id);
        }
      }
    } catch (error) {
      if (controller.signal.aborted) return setState({ step: "idle" });
      setState({ step: "failed", message: error instanceof Error ? error.message : "The import failed." });
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={() => {
          if (!busy) setState({ step: "idle" });
          setOpen(true);
        }}
        className="flex w-full items-center justify-center gap-2 rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        <Upload aria-hidden className="size-4" />
        Import…
      </button>
      <Modal open={open} title="Import conversations" wide onClose={close}>
        <div className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          <p>A file of any of these:</p>
          <ul className="mt-1 list-disc pl-5">
            <li>
              ChatGPT's <code>conversations.json</code> (Settings → Data controls → Export data)
            </li>
            <li>this app's own export (Export as JSON), with what it remembers; or its zip (Export with files), with its files too</li>
            <li>
              a transcript: <code>{'{"messages": [{"role": "user", "content": "…"}]}'}</code>
            </li>
          </ul>
        </div>
        <label
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            const file = event.dataTransfer.files[0];
            if (file) void start(file);
          }}
          data-testid="import-drop-zone"
          className={`mt-4 flex cursor-pointer flex-col items-center gap-2 rounded-xl border-2 border-dashed px-4 py-6 text-center text-sm focus-within:ring-2 focus-within:ring-indigo-500 ${
            dragging ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950/40" : "border-zinc-300 dark:border-zinc-700"
          }`}
        >
          <Upload aria-hidden className="size-6 text-zinc-500" />
          <span>
            Drop a file here, or <span className="font-medium text-indigo-700 underline dark:text-indigo-300">choose one</span>
          </span>
          <input
            ref={input}
            type="file"
            accept="application/json,.json,application/zip,.zip"
            aria-label="Import a conversations file"
            disabled={busy}
            className="sr-only"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) void start(file);
            }}
          />
        </label>
        <div role="status" aria-label="Import" aria-live="polite" className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          {state.step === "uploading" && (
            <>
              <p>
                Sending {state.name}: {state.percent}%
              </p>
              <progress max={100} value={state.percent} className="w-full" />
            </>
          )}
          {state.step === "importing" && <p>Importing {state.name}…</p>}
          {state.step === "failed" && <p className="text-red-700 dark:text-red-400">{state.message}</p>}
          {state.step === "done" && (
            <div>
              <p>
                Imported {state.conversations.length} conversation{state.conversations.length === 1 ? "" : "s"}:
              </p>
              <ul className="max-h-40 overflow-y-auto">
                {state.conversations.map((conversation) => (
                  <li key={conversation.id}>
                    <button
                      type="button"
                      className="text-left text-indigo-700 hover:underline dark:text-indigo-300"
                      onClick={() => {
                        setOpen(false);
                        onOpen(conversation.id);
                      }}
                    >
                      {conversation.title}
                    </button>{" "}
                    ({conversation.messages} messages)
                  </li>
                ))}
              </ul>
              {state.skipped > 0 && <p>Skipped {state.skipped} with no messages to import (only images or tool output).</p>}
            </div>
          )}
        </div>
        <div className="mt-4 flex justify-end">
          <button type="button" onClick={close} className="rounded-lg px-3 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
            {busy ? "Cancel" : "Close"}
          </button>
        </div>
      </Modal>
    </>
  );
}
