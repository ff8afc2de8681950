"use client";

import { useSyncExternalStore } from "react";

/** Below Tailwind's `md` breakpoint, where the sidebar is a drawer over the conversation. */
const NARROW = "(max-width: 767px)";

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(NARROW);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};

/** Whether the screen is a phone's width now (false on the server). */
export const useNarrowScreen = () =>
  useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
