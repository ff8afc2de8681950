"use client";

import type { LucideIcon } from "lucide-react";
import type { ComponentProps } from "react";
import { Tooltip } from "./tooltip";

const TONES = {
  plain: "text-zinc-600 hover:bg-zinc-200/70 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-700/70 dark:hover:text-zinc-100",
  header: "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
} as const;

/**
 * A button that shows only an icon: its accessible name is `label`, which its tooltip shows too.
 * At least 28×28 px (32 in the header), above the 24 px a pointer target needs; 36 (40) on a touch screen.
 */
export function IconButton({
  label,
  icon: Icon,
  tone = "plain",
  tooltipSide,
  className = "",
  ...props
}: Omit<ComponentProps<"button">, "children"> & {
  label: string;
  icon: LucideIcon;
  tone?: keyof typeof TONES;
  tooltipSide?: "top" | "bottom" | "left" | "right";
}) {
  return (
    <Tooltip label={label} side={tooltipSide}>
      <button
        type="button"
        aria-label={label}
        className={`inline-flex shrink-0 items-center justify-center rounded-md disabled:pointer-events-none disabled:opacity-40 ${tone === "header" ? "size-8 pointer-coarse:size-10" : "size-7 pointer-coarse:size-9"} ${TONES[tone]} ${className}`}
        {...props}
      >
        <Icon aria-hidden className="size-4" />
      </button>
    </Tooltip>
  );
}
