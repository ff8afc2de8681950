"use client";

import { useEffect, useRef, useState } from "react";
import { plainText } from "@/lib/markdown/plain-text";
import { type ChatMessage, messageText } from "./types";

/** A screen reader hears this much of a finished reply; the rest is in the conversation. */
const ANNOUNCED_CHARS = 300;

/**
 * A polite live region for screen readers: that a reply started, then what it said once finished,
 * not every token as it streams (which would be read out over and over).
 */
export function ReplyAnnouncer({ busy, messages }: { busy: boolean; messages: ChatMessage[] }) {
  const [said, setSaid] = useState("");
  const wasBusy = useRef(busy);
  useEffect(() => {
    if (busy && !wasBusy.current) setSaid("The assistant is replying…");
    if (!busy && wasBusy.current) {
      const last = messages.at(-1);
      // Read aloud as words: "**Offline model.**" would be read with its asterisks.
      const text = last?.role === "assistant" ? plainText(messageText(last).slice(0, 2 * ANNOUNCED_CHARS)).trim() : "";
      setSaid(text ? `The assistant replied: ${text.slice(0, ANNOUNCED_CHARS)}${text.length > ANNOUNCED_CHARS ? "…" : ""}` : "");
    }
    wasBusy.current = busy;
  }, [busy, messages]);
  return (
    <p role="status" aria-live="polite" aria-label="Reply announcements" className="sr-only">
      {said}
    </p>
  );
}
