"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False in the server's render and while hydrating it, true after: work the server should not do waits for it. */
export const useHydrated = () =>
  useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
