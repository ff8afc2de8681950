"use client";

import { useEffect, useRef } from "react";
import { overlayOpen } from "./ui/overlay-open";

/**
 * A drawer over the page (the sidebar on a phone): focus moves into it when it opens (unless it is
 * already there, as after Ctrl+K) and back to what opened it when it closes; Escape closes it, unless
 * a menu or dialog inside has it. Returns the ref for the drawer's element.
 */
export function useDrawerFocus<T extends HTMLElement>(open: boolean, close: () => void) {
  const drawer = useRef<T>(null);
  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!drawer.current?.contains(document.activeElement)) drawer.current?.querySelector<HTMLElement>("button, a[href], input")?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !overlayOpen()) close();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      if (opener?.isConnected && !drawer.current?.contains(opener)) opener.focus();
    };
  }, [open, close]);
  return drawer;
}
