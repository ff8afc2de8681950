"use client";

import { useEffect, useRef } from "react";
import { overlayOpen } from "./ui/overlay-open";

/**
 * A drawer over the page (the sidebar on a phone, the memory panel): focus moves into it when it
 * opens (unless it is already there, as after Ctrl+K), to its first control or, with `focusDrawer`,
 * to the drawer itself (which then needs tabIndex -1), and back to what opened it when it closes;
 * Escape closes it, unless a menu or dialog inside has it or a field used it (an edit it cancelled).
 * Returns the ref for the drawer's element.
 */
export function useDrawerFocus<T extends HTMLElement>(open: boolean, close: () => void, { focusDrawer = false } = {}) {
  const drawer = useRef<T>(null);
  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!drawer.current?.contains(document.activeElement))
      (focusDrawer ? drawer.current : drawer.current?.querySelector<HTMLElement>("button, a[href], input"))?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented && !overlayOpen()) close();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      if (opener?.isConnected && !drawer.current?.contains(opener)) opener.focus();
    };
  }, [open, close, focusDrawer]);
  return drawer;
}
