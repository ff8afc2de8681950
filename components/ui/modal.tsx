"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { type ReactNode, useLayoutEffect, useRef } from "react";
import { takeOpener } from "./focus-return";

/**
 * A modal dialog (Radix): focus is trapped and returns to what opened it (the menu's trigger when that
 * was a menu item); Escape or a click on the
 * backdrop asks to close, and the owner decides. Its surface stands apart from the page in both
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
          className={`fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto ${SIZES[size]} border border-zinc-200 bg-white p-5 text-zinc-900 shadow-2xl dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100`}
        >
          <Dialog.Title className="text-base font-semibold">{title}</Dialog.Title>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
