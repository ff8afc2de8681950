"use client";

import { useState } from "react";

/** Colours for either bubble, each readable on it (WCAG AA): the user's is indigo, the assistant's grey. */
const TONES = {
  indigo: "text-indigo-100 hover:bg-indigo-500 hover:text-white",
  plain: "text-zinc-600 hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100",
};

export function CopyButton({ text, label, tone }: { text: string; label: string; tone: keyof typeof TONES }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          setCopied(false);
        }
      }}
      className={`rounded px-1.5 py-0.5 text-xs ${TONES[tone]}`}
    >
      {copied ? "Copied" : "Copy"}
    </button>
  );
}
