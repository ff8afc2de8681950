"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import type { Versions } from "@/lib/conversations/branch-path";
import { IconButton } from "../ui/icon-button";

/** "‹ 2 / 3 ›" under a message with other versions: each button shows the branch that continues that version. */
export function VersionSwitcher({
  versions,
  disabled,
  onSwitch,
}: {
  versions: Versions;
  disabled: boolean;
  onSwitch: (branch: number) => void;
}) {
  const { previous, next } = versions;
  return (
    <nav aria-label="Versions" className="flex items-center text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
      <IconButton
        label="Previous version"
        icon={ChevronLeft}
        tooltipSide="bottom"
        disabled={disabled || previous === null}
        onClick={() => previous !== null && onSwitch(previous)}
      />
      <span data-testid="version-position">
        {versions.index} / {versions.count}
      </span>
      <IconButton
        label="Next version"
        icon={ChevronRight}
        tooltipSide="bottom"
        disabled={disabled || next === null}
        onClick={() => next !== null && onSwitch(next)}
      />
    </nav>
  );
}
