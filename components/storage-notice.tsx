"use client";

import { useSyncExternalStore } from "react";
import { storageBlocked } from "./browser-storage";

const never = () => () => {};

/** Says so when the browser refuses site storage: the app works, but forgets this browser's conversations when the tab closes. */
export function StorageNotice() {
  const blocked = useSyncExternalStore(never, storageBlocked, () => false);
  if (!blocked) return null;
  return (
    <p
      role="note"
      className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-center text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      This browser blocks site storage here, so this tab will not remember your conversations once it closes. Use <strong>Copy link</strong>{" "}
      to keep one.
    </p>
  );
}
