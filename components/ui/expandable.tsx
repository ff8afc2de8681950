"use client";

import { type ReactNode, useState } from "react";

/** `children` cut to a few lines, faded out, with "See all" when `long`; whole otherwise. */
export function Expandable({ long, children }: { long: boolean; children: ReactNode }) {
  const [expanded, setExpanded] = useState(false);
  return (
    <div>
      <div className={long && !expanded ? "max-h-48 overflow-hidden [mask-image:linear-gradient(to_bottom,black_70%,transparent)]" : ""}>
        {children}
      </div>
      {long && (
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
          className="mt-1 text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300"
        >
          {expanded ? "See less" : "See all"}
        </button>
      )}
    </div>
  );
}

/** Whether text is longer than a card shows at once. */
export const isLong = (text: string) => text.length > 600 || text.split("\n", 13).length > 12;
