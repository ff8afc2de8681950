import type { PageBytes } from "../db/queries/message-queries";

/**
 * How many of a page's rows (newest first) are shown: at most `limit`, and none past the byte budget,
 * except the first, which is shown whatever its size so that every page moves on.
 */
export function pageLength(rows: PageBytes[], limit: number, maxBytes: number): number {
  let shown = Math.min(1, rows.length);
  while (shown < Math.min(limit, rows.length) && rows[shown].bytesThrough <= maxBytes) shown++;
  return shown;
}
