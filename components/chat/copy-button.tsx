"use client";

import { useState } from "react";
import { FOOTER_TONES, type FooterTone } from "./footer-tones";

export function CopyButton({ text, label, tone }: { text: string; label: string; tone: FooterTone }) {
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
      className={`rounded px-1.5 py-0.5 text-xs ${FOOTER_TONES[tone]}`}
    >
      {copied ? "Copied" : "Copy"}
    </button>
  );
}
