import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DATE_GROUPS, dateGroup } from "@/components/sidebar/date-groups";

describe("the sidebar's date groups", () => {
  it("follow local calendar days", () => {
    const now = new Date(2026, 2, 30, 9, 0);
    expect(dateGroup(new Date(2026, 2, 30, 0, 0), now)).toBe("Today");
    expect(dateGroup(new Date(2026, 2, 29, 23, 59), now)).toBe("Yesterday");
    expect(dateGroup(new Date(2026, 2, 29, 0, 0), now)).toBe("Yesterday");
    expect(dateGroup(new Date(2026, 2, 23, 0, 0), now)).toBe("Previous 7 days");
    expect(dateGroup(new Date(2026, 2, 22, 23, 59), now)).toBe("Older");
  });

  it("never put an older conversation in a newer group", () => {
    const time = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
    fc.assert(
      fc.property(time, time, time, (a, b, now) => {
        const [older, newer] = a <= b ? [a, b] : [b, a];
        const rank = (at: number) => DATE_GROUPS.indexOf(dateGroup(new Date(at), new Date(Math.max(now, newer))));
        expect(rank(older)).toBeGreaterThanOrEqual(rank(newer));
      }),
    );
  });
});
