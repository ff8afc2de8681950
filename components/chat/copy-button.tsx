"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { IconButton } from "../ui/icon-button";

/** Copies `text`; the icon turns into a tick for a moment and a toast says so (or why not). */
export function CopyButton({ text, label, tooltipSide }: { text: string; label: string; tooltipSide?: "top" | "bottom" }) {
  const [copied, setCopied] = useState(false);
  return (
    <IconButton
      label={label}
      tooltipSide={tooltipSide}
      icon={copied ? Check : Copy}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          toast.success("Copied");
          setTimeout(() => setCopied(false), 1500);
        } catch {
          toast.error("The browser did not allow copying.");
        }
      }}
    />
  );
}
