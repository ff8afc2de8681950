"use client";

import { useRef, useState } from "react";
import { rememberId } from "../browser-storage";

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

/** POSTs the file as it is (no copy in memory), reporting upload progress: fetch cannot. */
function upload(file: File, onProgress: (percent: number) => void, onUploaded: () => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/conversations/import");
    request.setRequestHeader("content-type", "application/json");
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
 * Import: a ChatGPT conversations.json, this app's JSON export or a transcript. Imported conversations
 * join this browser's list, like the ones started here.
 */
export function ImportButton({ onOpen }: { onOpen: (id: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ step: "idle" });
  const busy = state.step === "uploading" || state.step === "importing";

  const start = async (file: File) => {
    setState({ step: "uploading", percent: 0, name: file.name });
    try {
      const { status, body } = await upload(
        file,
        (percent) => setState({ step: "uploading", percent, name: file.name }),
        () => setState({ step: "importing", name: file.name }),
      );
      if (status !== 201) {
        const message = (body as { error?: { message?: string } }).error?.message ?? "The import failed.";
        return setState({ step: "failed", message });
      }
      const { conversations, skipped } = body as { conversations: Imported[]; skipped: unknown[] };
      for (const conversation of [...conversations].reverse()) rememberId(conversation.id);
      setState({ step: "done", conversations, skipped: skipped.length });
    } catch (error) {
      setState({ step: "failed", message: error instanceof Error ? error.message : "The import failed." });
    }
  };

  return (
    <div className="text-sm">
      <button
        type="button"
        disabled={busy}
        onClick={() => input.current?.click()}
        className="w-full rounded-lg border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Import…
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        aria-label="Import a conversations file"
        className="hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) void start(file);
        }}
      />
      <div role="status" aria-label="Import" aria-live="polite" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        {state.step === "uploading" && (
          <>
            <p>
              Sending {state.name}: {state.percent}%
            </p>
            <progress max={100} value={state.percent} className="w-full" />
          </>
        )}
        {state.step === "importing" && <p>Importing {state.name}…</p>}
        {state.step === "failed" && <p className="text-red-600">{state.message}</p>}
        {state.step === "done" && (
          <div>
            <p>
              Imported {state.conversations.length} conversation{state.conversations.length === 1 ? "" : "s"}:
            </p>
            <ul className="max-h-32 overflow-y-auto">
              {state.conversations.map((conversation) => (
                <li key={conversation.id}>
                  <button
                    type="button"
                    className="text-left text-indigo-700 dark:text-indigo-300 hover:underline"
                    onClick={() => onOpen(conversation.id)}
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
    </div>
  );
}
