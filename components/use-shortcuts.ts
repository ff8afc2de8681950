"use client";

import { useEffect, useRef } from "react";
import { overlayOpen } from "@/components/ui/overlay-open";

export interface ShortcutActions {
  newChat: () => void;
  focusSearch: () => void;
  showHelp: () => void;
}

/** Typing in a field, "?" is a character: the help opens only from elsewhere. */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/**
 * The app's keyboard shortcuts (listed in shortcuts-dialog.tsx): Ctrl/Cmd+K, Ctrl/Cmd+Shift+O and
 * "?". Escape, which stops a reply, belongs to the conversation view.
 */
export function useShortcuts(actions: ShortcutActions): void {
  const current = useRef(actions);
  current.current = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (command && !event.shiftKey && !event.altKey && key === "k") {
        event.preventDefault();
        current.current.focusSearch();
      } else if (command && event.shiftKey && !event.altKey && key === "o") {
        event.preventDefault();
        current.current.newChat();
      } else if (event.key === "?" && !command && !event.altKey && !isTyping(event.target) && !overlayOpen()) {
        event.preventDefault();
        current.current.showHelp();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
