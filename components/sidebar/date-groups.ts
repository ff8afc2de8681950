/** The sidebar's groups, newest first, as chat apps name them. */
export const DATE_GROUPS = ["Today", "Yesterday", "Previous 7 days", "Older"] as const;
export type DateGroup = (typeof DATE_GROUPS)[number];

/** Which group a conversation last changed at `updatedAt` belongs to, by local calendar day of `now`. */
export function dateGroup(updatedAt: Date, now: Date): DateGroup {
  // Local midnights, counted in calendar days: a day with a clock change is not 24 hours long.
  const daysAgo = (days: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - days).getTime();
  const at = updatedAt.getTime();
  if (at >= daysAgo(0)) return "Today";
  if (at >= daysAgo(1)) return "Yesterday";
  if (at >= daysAgo(7)) return "Previous 7 days";
  return "Older";
}
