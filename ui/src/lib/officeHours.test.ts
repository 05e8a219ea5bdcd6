import { describe, expect, it } from "vitest";
import { createFakeBackend, officeHoursMonth } from "../test/fakeBackend";
import type { MeetingInput } from "./bindings/MeetingInput";
import type { OfficeHoursMonth } from "./bindings/OfficeHoursMonth";
import type { OfficeHoursRow } from "./bindings/OfficeHoursRow";
import { addMonths, formatMonth, isMonth, isPast, monthOf, officeHoursLines } from "./officeHours";

/** Intl's narrow no-break spaces as plain ones. */
const plain = (text: string) => text.replace(/\s/g, " ");

function row(start: string, extra: Partial<OfficeHoursRow> = {}): OfficeHoursRow {
  return {
    meetingId: "84077788899",
    occurrenceId: String(Date.parse(start)),
    topic: "Office hours: Ana García",
    start,
    duration: 60,
    timezone: "Europe/Madrid",
    recurring: true,
    officeHours: true,
    repeat: { kind: "weekly", every: 1, days: [4], end: { kind: "after", count: 8 } },
    ...extra,
  };
}

describe("months", () => {
  it("adds and subtracts months across years", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2027-01", -1)).toBe("2026-12");
    expect(addMonths("2026-03", -14)).toBe("2025-01");
    expect(addMonths("2026-05", 0)).toBe("2026-05");
  });

  it("counts the month in the display zone", () => {
    // 23:30 UTC on 31 December is already January in Madrid, still December in New York.
    const ms = Date.parse("2026-12-31T23:30:00Z");
    expect(monthOf(ms, "Europe/Madrid")).toBe("2027-01");
    expect(monthOf(ms, "America/New_York")).toBe("2026-12");
  });

  it("names months for people and checks YYYY-MM", () => {
    expect(formatMonth("2026-12")).toBe("December 2026");
    expect(formatMonth("nope")).toBe("nope");
    expect(isMonth("2026-12")).toBe(true);
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth("2026-1")).toBe(false);
    expect(isMonth(null)).toBe(false);
  });
});

describe("table lines", () => {
  it("says date, time, duration and recurrence in the display zone", () => {
    const [line] = officeHoursLines(
      [row("2026-12-03T09:00:00Z")],
      "Europe/Madrid",
      Date.parse("2026-12-01T00:00:00Z"),
    );
    expect(plain(line!.time)).toBe("10:00 – 11:00 AM");
    expect(line).toMatchObject({
      key: `84077788899/${Date.parse("2026-12-03T09:00:00Z")}`,
      date: "Thu, Dec 3",
      duration: "1 h",
      recurrence: "Every week on Thursday",
      past: false,
    });
  });

  it("says Once for a one-time meeting, and the fallback for a rule Zoomdesk can't express", () => {
    const zone = "UTC";
    const [once, unknown] = officeHoursLines(
      [
        row("2026-12-03T09:00:00Z", {
          recurring: false,
          occurrenceId: "",
          repeat: { kind: "once" },
        }),
        row("2026-12-04T09:00:00Z", { repeat: undefined }),
      ],
      zone,
      0,
    );
    expect(once?.recurrence).toBe("Once");
    expect(unknown?.recurrence).toBe("Repeats (as set in Zoom)");
  });

  it("marks rows past once they have ended, not when they start", () => {
    const r = row("2026-12-03T09:00:00Z");
    const start = Date.parse(r.start);
    expect(isPast(r, start - 1)).toBe(false);
    expect(isPast(r, start + 30 * 60_000)).toBe(false);
    expect(isPast(r, start + 60 * 60_000)).toBe(true);
    const lines = officeHoursLines([r, row("2026-12-10T09:00:00Z")], "UTC", start + 2 * 3_600_000);
    expect(lines.map((l) => l.past)).toEqual([true, false]);
  });
});

describe("the fake backend's office_hours_month", () => {
  const weekly = (date: string, count: number): MeetingInput => ({
    topic: "Office hours: Ana García",
    date,
    time: "10:00",
    timezone: "Europe/Madrid",
    duration: 60,
    repeat: { kind: "weekly", every: 1, days: [4], end: { kind: "after", count } },
    passcode: "",
    alternativeHosts: [],
    dialInCountries: [],
    agenda: "",
    officeHours: true,
  });

  it("keeps 10:00 in Madrid across the change to summer time (28 March 2027)", async () => {
    const now = Date.parse("2027-03-10T12:00:00Z");
    const fake = createFakeBackend({ now, zone: "Europe/Madrid", empty: true });
    await fake.handler("create_meeting", { input: weekly("2027-03-18", 4) });
    const march = (await fake.handler("office_hours_month", { month: null })) as OfficeHoursMonth;
    const april = (await fake.handler("office_hours_month", {
      month: "2027-04",
    })) as OfficeHoursMonth;
    expect(march.month).toBe("2027-03");
    expect(march.thisMonth).toBe("2027-03");
    expect(march.items.map((i) => i.start)).toEqual([
      "2027-03-18T09:00:00.000Z",
      "2027-03-25T09:00:00.000Z",
    ]);
    // After the change Madrid is UTC+2: the same 10:00 is 08:00 UTC.
    expect(april.items.map((i) => i.start)).toEqual([
      "2027-04-01T08:00:00.000Z",
      "2027-04-08T08:00:00.000Z",
    ]);
    for (const view of [march, april]) {
      const lines = officeHoursLines(view.items, view.zone, now);
      expect(lines.map((l) => plain(l.time))).toEqual(["10:00 – 11:00 AM", "10:00 – 11:00 AM"]);
      expect(lines.every((l) => l.recurrence === "Every week on Thursday")).toBe(true);
    }
  });

  it("keeps only office hours, says the next ones after an empty month, and pages back one month", async () => {
    const now = Date.parse("2027-03-10T12:00:00Z");
    const fake = createFakeBackend({ now, zone: "Europe/Madrid", empty: true });
    await fake.handler("create_meeting", { input: { ...weekly("2027-06-03", 2) } });
    await fake.handler("create_meeting", {
      input: { ...weekly("2027-03-11", 1), topic: "Not office hours", officeHours: false },
    });
    const march = officeHoursMonth(fake.meetings, now, "Europe/Madrid", null);
    expect(march.items).toEqual([]);
    expect(march.previous).toBe("2027-02");
    expect(march.next).toBe("2027-04");
    expect(march.later).toMatchObject({ start: "2027-06-03T08:00:00.000Z", officeHours: true });
    expect(march.later).not.toHaveProperty("repeat");
    const february = officeHoursMonth(fake.meetings, now, "Europe/Madrid", "2027-02");
    expect(february.previous).toBeUndefined();
    const june = officeHoursMonth(fake.meetings, now, "Europe/Madrid", "2027-06");
    expect(june.items).toHaveLength(2);
    expect(june.later).toBeUndefined();
    await expect(fake.handler("office_hours_month", { month: "June" })).rejects.toMatchObject({
      kind: "validation",
      field: "month",
    });
  });

  it("gives the demo data a weekly series this month", () => {
    const now = Date.now();
    const fake = createFakeBackend({ now, zone: "Europe/Madrid" });
    const view = officeHoursMonth(fake.meetings, now, "Europe/Madrid", null);
    expect(view.items.length).toBeGreaterThanOrEqual(4);
    expect(
      officeHoursLines(view.items, view.zone, now).every((l) => l.time.startsWith("10:00")),
    ).toBe(true);
  });
});
