"use client";

import type { Versions } from "@/lib/conversations/branch-path";
import { FOOTER_TONES, type FooterTone } from "./footer-tones";

/** "‹ 2 / 3 ›" under a message with other versions: each button shows the branch that continues that version. */
export function VersionSwitcher({
  versions,
  tone,
  disabled,
  onSwitch,
}: {
  versions: Versions;
  tone: FooterTone;
  disabled: boolean;
  onSwitch: (branch: number) => void;
}) {
  const button = `${FOOTER_TONES[tone]} disabled:opacity-50`;
  const { previous, next } = versions;
  return (
    <nav aria-label="Versions" className="mr-auto flex items-center gap-0.5 text-xs">
      <button
        type="button"
        aria-label="Previous version"
        disabled={disabled || previous === null}
        onClick={() => previous !== null && onSwitch(previous)}
        className={`rounded px-1.5 py-0.5 ${button}`}
      >
        ‹
      </button>
      <span data-testid="version-position">
        {versions.index} / {versions.count}
      </span>
      <button
        type="button"
        aria-label="Next version"
        disabled={disabled || next === null}
        onClick={() => next !== null && onSwitch(next)}
        className={`rounded px-1.5 py-0.5 ${button}`}
      >
        ›
      </button>
    </nav>
  );
}
