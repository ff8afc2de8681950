/** The sidebar's groups, newest first, as chat apps name them. */
export const DATE_GROUPS = ["Today", "Yesterday", "Previous 7 days", "Older"] as const;
export type DateGroup = (typeof DATE_GROUPS)[number];

const DAY = 86_400_000;

/** Which group a conversation last changed at `updatedAt` belongs to, by local calendar day of `now`. */
export function dateGroup(updatedAt: Date, now: Date): DateGroup {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const at = updatedAt.getTime();
  if (at >= startOfToday) return "Today";
  if (at >= startOfToday - DAY) return "Yesterday";
  if (at >= startOfToday - 7 * DAY) return "Previous 7 days";
  return "Older";
}
