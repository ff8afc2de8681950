"use client";

import * as TooltipPrimitive from "@radix-ui/react-tooltip";
import { type ReactElement, useState } from "react";
import { useMediaQuery } from "../use-media-query";

/**
 * `label` beside `children` on hover and keyboard focus; the trigger keeps its own accessible name.
 * Never on a touch screen: a tap focuses the button, and its tooltip would stay over whatever the tap
 * opened. It brings its own provider, so it also renders where no app-wide one is (a page rendered alone).
 */
export function Tooltip({
  label,
  side = "top",
  children,
}: {
  label: string;
  side?: "top" | "bottom" | "left" | "right";
  children: ReactElement;
}) {
  const [open, setOpen] = useState(false);
  const touch = useMediaQuery("(pointer: coarse)");
  return (
    <TooltipPrimitive.Provider delayDuration={400} skipDelayDuration={200}>
      <TooltipPrimitive.Root open={open && !touch} onOpenChange={setOpen}>
        <TooltipPrimitive.Trigger asChild>{children}</TooltipPrimitive.Trigger>
        <TooltipPrimitive.Portal>
          <TooltipPrimitive.Content
            side={side}
            sideOffset={6}
            className="z-50 rounded-md bg-zinc-900 px-2 py-1 text-xs font-medium text-white shadow-md dark:bg-zinc-100 dark:text-zinc-900"
          >
            {label}
          </TooltipPrimitive.Content>
        </TooltipPrimitive.Portal>
      </TooltipPrimitive.Root>
    </TooltipPrimitive.Provider>
  );
}
