"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import { Check } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { rememberMenuTrigger } from "./focus-return";

/**
 * Not modal: the page behind stays in the accessibility tree (a modal menu hides it with aria-hidden
 * while it still holds focusable controls, which assistive technology reports), and a click outside
 * closes the menu as it does anywhere.
 */
export function DropdownMenu(props: ComponentProps<typeof Menu.Root>) {
  return <Menu.Root modal={false} {...props} />;
}
export const DropdownMenuTrigger = Menu.Trigger;
export const DropdownMenuRadioGroup = Menu.RadioGroup;

/** A menu's surface: distinct from the page and the bubbles behind it, in light and dark. */
export function DropdownMenuContent({ children, align = "end", ...props }: ComponentProps<typeof Menu.Content>) {
  return (
    <Menu.Portal>
      <Menu.Content
        align={align}
        sideOffset={4}
        className="z-50 min-w-44 rounded-lg border border-zinc-200 bg-white p-1 text-sm text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        {...props}
      >
        {children}
      </Menu.Content>
    </Menu.Portal>
  );
}

const ITEM =
  "flex cursor-default select-none items-center gap-2 rounded-md px-2 py-1.5 outline-none data-[highlighted]:bg-zinc-100 data-[disabled]:opacity-50 dark:data-[highlighted]:bg-zinc-800";

export function DropdownMenuItem({
  icon,
  danger = false,
  children,
  onSelect,
  ...props
}: ComponentProps<typeof Menu.Item> & { icon?: ReactNode; danger?: boolean }) {
  return (
    <Menu.Item
      className={`${ITEM} ${danger ? "text-red-700 dark:text-red-400" : ""}`}
      onSelect={(event) => {
        rememberMenuTrigger(event.currentTarget as Element);
        onSelect?.(event);
      }}
      {...props}
    >
      {/* With asChild, the one child is the item (a link): it carries its own icon. */}
      {icon === undefined ? (
        children
      ) : (
        <>
          {icon}
          {children}
        </>
      )}
    </Menu.Item>
  );
}

export function DropdownMenuRadioItem({ icon, children, ...props }: ComponentProps<typeof Menu.RadioItem> & { icon?: ReactNode }) {
  return (
    <Menu.RadioItem className={ITEM} {...props}>
      {icon}
      <span className="flex-1">{children}</span>
      <Menu.ItemIndicator>
        <Check aria-hidden className="size-4" />
      </Menu.ItemIndicator>
    </Menu.RadioItem>
  );
}

export function DropdownMenuLabel({ children }: { children: ReactNode }) {
  return <Menu.Label className="px-2 py-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">{children}</Menu.Label>;
}

export function DropdownMenuSeparator() {
  return <Menu.Separator className="my-1 h-px bg-zinc-200 dark:bg-zinc-700" />;
}
