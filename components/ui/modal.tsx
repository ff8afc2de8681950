"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { type ReactNode, useLayoutEffect, useRef } from "react";
import { takeOpener } from "./focus-return";
import { IconButton } from "./icon-button";

/**
 * A modal dialog (Radix): focus is trapped and returns to what opened it (the menu's trigger when that
 * was a menu item); Escape, a click on the backdrop or its close button (always in view, on a phone's
 * full-screen sheet too) asks to close, and the owner decides. Its surface stands apart from the page in both
 * themes: a border, a shadow and a dimmed, blurred backdrop.
 */
const SIZES = {
  normal: "w-[min(26rem,calc(100vw-2rem))] rounded-xl",
  wide: "w-[min(30rem,calc(100vw-2rem))] rounded-xl",
  // At least 720 px on a desktop; the whole screen on a phone.
  sheet:
    "w-[min(56rem,calc(100vw-2rem))] rounded-xl max-sm:inset-0 max-sm:h-dvh max-sm:max-h-dvh max-sm:w-full max-sm:translate-x-0 max-sm:translate-y-0 max-sm:rounded-none",
};

export function Modal({
  open,
  title,
  wide = false,
  size = wide ? "wide" : "normal",
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  wide?: boolean;
  size?: keyof typeof SIZES;
  onClose: () => void;
  children: ReactNode;
}) {
  const opener = useRef<HTMLElement | null>(null);
  // Before the dialog's own focus moves (its effects run after layout effects).
  useLayoutEffect(() => {
    if (open) opener.current = takeOpener();
  }, [open]);
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50 backdrop-blur-[2px] dark:bg-black/70" />
        <Dialog.Content
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            if (!opener.current?.isConnected) return;
            event.preventDefault();
            opener.current.focus();
          }}
          className={`fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col overflow-hidden ${SIZES[size]} border border-zinc-200 bg-white text-zinc-900 shadow-2xl dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100`}
        >
          <Dialog.Title className="px-5 pt-5 pr-14 text-base font-semibold">{title}</Dialog.Title>
          {/* Only the body scrolls: the title and the close button stay in view, on a phone's full-screen sheet too. */}
          <div className="min-h-0 flex-1 overflow-y-auto px-5 pb-5">{children}</div>
          {/* Last, so that opening focuses the dialog's first control rather than this. */}
          <Dialog.Close asChild>
            <IconButton label="Close dialog" icon={X} className="absolute top-3.5 right-3.5" />
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
