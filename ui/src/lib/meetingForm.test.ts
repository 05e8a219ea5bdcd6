import { describe, expect, it } from "vitest";
import type { MeetingView } from "./bindings/MeetingView";
import { setLanguage } from "./i18n";
import {
  dayHeading,
  formatDuration,
  formatSoon,
  instantsOf,
  nextDayKey,
  toLocalInput,
} from "./format";
import {
  defaultForm,
  fromMeeting,
  recurrenceText,
  splitEmails,
  takeHosts,
  toInput,
  toOccurrenceEdit,
} from "./meetingForm";

describe("recurrence in words", () => {
  const after = (count: number) => ({ kind: "after" as const, count });

  it("reads the meeting's typed repeat", () => {
    expect(recurrenceText({ kind: "daily", every: 1, end: after(5) })).toBe("Every day, 5 times");
    expect(recurrenceText({ kind: "daily", every: 3, end: after(4) })).toBe(
      "Every 3 days, 4 times",
    );
    expect(recurrenceText({ kind: "weekly", every: 1, days: [1, 3], end: after(6) })).toBe(
      "Every week on Monday and Wednesday, 6 times",
    );
    expect(recurrenceText({ kind: "weekly", every: 2, days: [0], end: after(3) })).toBe(
      "Every 2 weeks on Sunday, 3 times",
    );
    expect(recurrenceText({ kind: "monthly_by_day", every: 1, day: 15, end: after(2) })).toBe(
      "Every month on day 15, 2 times",
    );
    expect(
      recurrenceText({
        kind: "monthly_by_weekday",
        every: 2,
        week: -1,
        weekday: 5,
        end: { kind: "on", date: "2027-03-31" },
      }),
    ).toBe("Every 2 months on the last Friday, until Wednesday, March 31, 2027");
    expect(
      recurrenceText({ kind: "monthly_by_weekday", every: 1, week: 2, weekday: 2, end: after(4) }),
    ).toBe("Every month on the second Tuesday, 4 times");
  });

  it("in Spanish names the weekdays of a weekly rule in the plural", () => {
    setLanguage("es");
    try {
      expect(recurrenceText({ kind: "weekly", every: 1, days: [6], end: after(4) })).toBe(
        "Todas las semanas, los sábados, 4 veces",
      );
      expect(recurrenceText({ kind: "weekly", every: 2, days: [1, 0], end: after(1) })).toBe(
        "Cada 2 semanas, los lunes y domingos, 1 vez",
      );
    } finally {
      setLanguage("en");
    }
  });

  it("says the series end date as written, whatever the zone", () => {
    // A wall-clock date: no instant to shift into a zone where it is still the 31st.
    expect(
      recurrenceText({ kind: "daily", every: 1, end: { kind: "on", date: "2027-04-01" } }),
    ).toBe("Every day, until Thursday, April 1, 2027");
  });

  it("falls back to Zoom's word when there is no repeat it can say", () => {
    expect(recurrenceText(undefined)).toBe("Repeats (as set in Zoom)");
    expect(recurrenceText({ kind: "once" })).toBe("Repeats (as set in Zoom)");
  });
});

describe("time zones", () => {
  it("finds the two instants of a fall-back time and none in a spring-forward gap", () => {
    // New York goes back from 02:00 EDT to 01:00 EST on 1 November 2026.
    const twice = instantsOf("2026-11-01", "01:30", "America/New_York");
    expect(twice.map((ms) => new Date(ms).toISOString())).toEqual([
      "2026-11-01T05:30:00.000Z",
      "2026-11-01T06:30:00.000Z",
    ]);
    expect(instantsOf("2026-03-08", "02:30", "America/New_York")).toEqual([]);
    expect(instantsOf("2026-07-01", "09:00", "Europe/Madrid")).toHaveLength(1);
  });

  it("writes form dates and times in the meeting's zone", () => {
    expect(toLocalInput(Date.parse("2026-11-29T23:30:00Z"), "Asia/Tokyo")).toEqual({
      date: "2026-11-30",
      time: "08:30",
    });
    expect(nextDayKey("2026-12-31")).toBe("2027-01-01");
    expect(dayHeading("2026-11-29", "2026-11-29")).toBe("Today");
    expect(dayHeading("2026-11-30", "2026-11-29")).toBe("Tomorrow");
    expect(dayHeading("2026-12-02", "2026-11-29")).toBe("Wednesday, December 2");
  });

  it("says durations and 'soon' like people do", () => {
    expect(formatDuration(30)).toBe("30 min");
    expect(formatDuration(60)).toBe("1 h");
    expect(formatDuration(90)).toBe("1 h 30 min");
    const now = Date.parse("2026-11-29T10:00:00Z");
    expect(formatSoon(now + 25 * 60_000, now + 55 * 60_000, now)).toBe("in 25 min");
    expect(formatSoon(now - 60_000, now + 60_000, now)).toBe("Now");
    expect(formatSoon(now + 5 * 3_600_000, now + 6 * 3_600_000, now)).toBe("");
  });
});

describe("form state", () => {
  const weekly: MeetingView = {
    id: "1",
    topic: "Sync",
    recurring: true,
    start: "2026-12-01T09:00:00Z",
    duration: 30,
    timezone: "Europe/Madrid",
    passcode: "abc",
    alternativeHosts: ["a@b.co"],
    dialIn: [],
    occurrences: [
      { id: "11", start: "2026-12-01T09:00:00Z", duration: 30 },
      { id: "12", start: "2026-12-03T09:00:00Z", duration: 45 },
    ],
    form: {
      topic: "Sync",
      date: "2026-12-01",
      time: "10:00",
      timezone: "Europe/Madrid",
      duration: 30,
      repeat: { kind: "weekly", every: 2, days: [1, 3], end: { kind: "after", count: 6 } },
      passcode: "abc",
      alternativeHosts: ["a@b.co"],
      dialInCountries: [],
      agenda: "Notes",
      officeHours: false,
    },
    officeHours: false,
  };

  it("fills the modify form from the meeting's saved form", () => {
    const series = fromMeeting(weekly, "UTC");
    expect(series).toMatchObject({
      topic: "Sync",
      date: "2026-12-01",
      time: "10:00",
      timezone: "Europe/Madrid",
      duration: 30,
      repeat: "weekly",
      every: 2,
      days: [1, 3],
      endBy: "after",
      endCount: 6,
      passcode: "abc",
      alternativeHosts: ["a@b.co"],
      agenda: "Notes",
    });
    // Saving it unchanged sends exactly what was saved.
    expect(toInput(series)).toEqual(weekly.form);
  });

  it("takes the series' date, time and zone from the saved form, not from the start instant", () => {
    // The start instant disagrees on purpose (it is Madrid's 10:00), to show which one is read.
    const tokyo: MeetingView = {
      ...weekly,
      form: { ...weekly.form!, timezone: "Asia/Tokyo", date: "2026-11-30", time: "08:30" },
    };
    expect(fromMeeting(tokyo, "UTC")).toMatchObject({
      date: "2026-11-30",
      time: "08:30",
      timezone: "Asia/Tokyo",
    });
  });

  it("fills monthly by weekday, ending on a date", () => {
    const monthly: MeetingView = {
      ...weekly,
      form: {
        ...weekly.form!,
        repeat: {
          kind: "monthly_by_weekday",
          every: 2,
          week: -1,
          weekday: 5,
          end: { kind: "on", date: "2027-03-31" },
        },
      },
    };
    const f = fromMeeting(monthly, "UTC");
    expect(f).toMatchObject({
      repeat: "monthly",
      every: 2,
      monthlyBy: "weekday",
      monthWeek: -1,
      monthWeekday: 5,
      endBy: "on",
      endDate: "2027-03-31",
    });
    expect(toInput(f).repeat).toEqual(monthly.form!.repeat);
  });

  it("fills monthly by day and daily, and keeps the start's weekday when no days are named", () => {
    const byDay = fromMeeting(
      {
        ...weekly,
        form: {
          ...weekly.form!,
          repeat: { kind: "monthly_by_day", every: 3, day: 31, end: { kind: "after", count: 4 } },
        },
      },
      "UTC",
    );
    expect(byDay).toMatchObject({ repeat: "monthly", monthlyBy: "day", monthDay: 31, every: 3 });
    const daily = fromMeeting(
      {
        ...weekly,
        form: {
          ...weekly.form!,
          repeat: { kind: "daily", every: 5, end: { kind: "after", count: 9 } },
        },
      },
      "UTC",
    );
    expect(daily).toMatchObject({ repeat: "daily", every: 5, endCount: 9 });
    // 1 December 2026 is a Tuesday.
    expect(daily.days).toEqual([2]);
    expect(daily.monthDay).toBe(1);
    const noDays = fromMeeting(
      {
        ...weekly,
        form: {
          ...weekly.form!,
          repeat: { kind: "weekly", every: 1, days: [], end: { kind: "after", count: 2 } },
        },
      },
      "UTC",
    );
    expect(noDays.days).toEqual([2]);
  });

  it("keeps one occurrence's own start and duration", () => {
    const one = fromMeeting(weekly, "UTC", "12");
    expect(one).toMatchObject({ date: "2026-12-03", time: "10:00", duration: 45 });
    expect(toOccurrenceEdit(one)).toEqual({
      date: "2026-12-03",
      time: "10:00",
      timezone: "Europe/Madrid",
      duration: 45,
      agenda: "Notes",
    });
    // An occurrence it does not know: the series' start.
    expect(fromMeeting(weekly, "UTC", "99")).toMatchObject({ date: "2026-12-01", duration: 30 });
  });

  it("without a saved form, fills what the meeting says and repeats once", () => {
    const f = fromMeeting(
      { ...weekly, form: undefined, recurring: false, start: null, occurrences: [] },
      "UTC",
    );
    expect(f).toMatchObject({
      topic: "Sync",
      timezone: "Europe/Madrid",
      duration: 30,
      repeat: "once",
      passcode: "abc",
      alternativeHosts: ["a@b.co"],
    });
  });

  it("builds MeetingInput for each kind of repeat", () => {
    const f = { ...defaultForm("UTC", Date.parse("2026-11-29T10:10:00Z")), topic: "T" };
    expect(f.time).toBe("11:00");
    expect(toInput(f).repeat).toEqual({ kind: "once" });
    expect(toInput({ ...f, repeat: "weekly", days: [3, 1] }).repeat).toEqual({
      kind: "weekly",
      every: 1,
      days: [1, 3],
      end: { kind: "after", count: 7 },
    });
    expect(
      toInput({
        ...f,
        repeat: "monthly",
        monthlyBy: "weekday",
        monthWeek: -1,
        monthWeekday: 5,
        endBy: "on",
        endDate: "2027-01-31",
      }).repeat,
    ).toEqual({
      kind: "monthly_by_weekday",
      every: 1,
      week: -1,
      weekday: 5,
      end: { kind: "on", date: "2027-01-31" },
    });
    expect(toInput({ ...f, fold: "later" }).fold).toBe("later");
    expect(splitEmails("a@x.com, b@y.org;c@z.net  ")).toEqual(["a@x.com", "b@y.org", "c@z.net"]);
  });
});

describe("takeHosts", () => {
  it("adds each new address once, ignoring case, and keeps the rest in the box", () => {
    expect(takeHosts(["lee@example.com"], "LEE@example.com, ana@x.org; ana@x.org")).toEqual({
      hosts: ["lee@example.com", "ana@x.org"],
      rest: "",
      invalid: undefined,
    });
  });

  it("leaves what is not an address in the box and names the first one", () => {
    expect(takeHosts([], "nope, ana@x.org bad@")).toEqual({
      hosts: ["ana@x.org"],
      rest: "nope, bad@",
      invalid: "nope",
    });
  });

  it("is null when nothing is typed, and never changes the hosts given", () => {
    const hosts = ["lee@example.com"];
    expect(takeHosts(hosts, " ,; ")).toBeNull();
    takeHosts(hosts, "ana@x.org");
    expect(hosts).toEqual(["lee@example.com"]);
  });
});
