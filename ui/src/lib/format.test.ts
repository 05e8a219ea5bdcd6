import { describe, expect, it } from "vitest";
import { formatAge, formatWeekRange, weekOf } from "./format";

describe("formatAge", () => {
  const now = new Date(2026, 10, 29, 12, 0, 0).getTime();
  it("reads like a person would say it", () => {
    expect(formatAge(now - 10_000, now)).toBe("just now");
    expect(formatAge(now - 60_000, now)).toBe("1 minute ago");
    expect(formatAge(now - 5 * 60_000, now)).toBe("5 minutes ago");
    expect(formatAge(now - 3 * 3_600_000, now)).toBe("3 hours ago");
    expect(formatAge(now - 26 * 3_600_000, now)).toBe("yesterday");
  });

  it("never says 'in …' for a clock slightly ahead", () => {
    expect(formatAge(now + 5_000, now)).toBe("just now");
  });
});

describe("week", () => {
  it("runs Monday to Sunday", () => {
    // Sunday 29 November 2026 belongs to the week of Monday 23.
    const { start, end } = weekOf(new Date(2026, 10, 29, 18, 30));
    expect(start.getDate()).toBe(23);
    expect(start.getDay()).toBe(1);
    expect(end.getDate()).toBe(29);
    // ICU puts thin spaces around the dash.
    expect(formatWeekRange(new Date(2026, 10, 25))).toMatch(/^November 23\s–\s29$/);
  });
});
