import { describe, expect, it } from "vitest";
import { formatAge, formatReminder, formatWeekRange, untilNextMinuteMark, weekOf } from "./format";

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

describe("formatReminder", () => {
  const MIN = 60_000;
  const start = Date.UTC(2026, 10, 25, 14, 30);
  const end = start + 45 * MIN;
  const at = (offset: number) => formatReminder(start, end, start + offset, "UTC");

  it("counts down to the start, rounding up", () => {
    expect(at(-20 * MIN)).toBe("Starts in 20 min");
    expect(at(-19 * MIN - 30_000)).toBe("Starts in 20 min");
    expect(at(-10_000)).toBe("Starts in 1 min");
    expect(at(-90 * MIN)).toBe("Starts in 1 h 30 min");
    expect(at(-60 * MIN)).toBe("Starts in 1 h");
  });

  it("says a start more than a day ahead as its date", () => {
    expect(at(-2 * 24 * 60 * MIN)).toBe("Starts Wednesday, November 25, 2026");
  });

  it("counts up from the start, then from the end", () => {
    expect(at(0)).toBe("Starting now");
    expect(at(59_000)).toBe("Starting now");
    expect(at(3 * MIN + 30_000)).toBe("Started 3 min ago");
    expect(at(45 * MIN)).toBe("Just ended");
    expect(at(55 * MIN)).toBe("Ended 10 min ago");
  });

  it("wakes up on the start's minute marks", () => {
    expect(untilNextMinuteMark(start, start - 20 * MIN)).toBe(MIN);
    expect(untilNextMinuteMark(start, start - 19 * MIN - 15_000)).toBe(15_000);
    expect(untilNextMinuteMark(start, start + 10_000)).toBe(50_000);
  });
});
