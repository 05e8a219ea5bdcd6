import { describe, expect, it } from "vitest";
import type { MeetingView } from "./bindings/MeetingView";
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
  it("reads Zoom's rules", () => {
    expect(recurrenceText({ type: 1, repeat_interval: 1 }, "UTC")).toBe("Every day");
    expect(recurrenceText({ type: 1, repeat_interval: 3, end_times: 4 }, "UTC")).toBe(
      "Every 3 days, 4 times",
    );
    expect(recurrenceText({ type: 2, repeat_interval: 1, weekly_days: "2,4" }, "UTC")).toBe(
      "Every week on Monday and Wednesday",
    );
    expect(recurrenceText({ type: 2, repeat_interval: 2, weekly_days: "1" }, "UTC")).toBe(
      "Every 2 weeks on Sunday",
    );
    expect(recurrenceText({ type: 3, repeat_interval: 1, monthly_day: 15 }, "UTC")).toBe(
      "Every month on day 15",
    );
    expect(
      recurrenceText(
        {
          type: 3,
          repeat_interval: 2,
          monthly_week: -1,
          monthly_week_day: 6,
          end_date_time: "2027-03-31T23:59:00Z",
        },
        "UTC",
      ),
    ).toBe("Every 2 months on the last Friday, until Wednesday, March 31, 2027");
    expect(recurrenceText(null, "UTC")).toBe("Repeats (as set in Zoom)");
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
    recurrence: { type: 2, repeat_interval: 1, weekly_days: "3,5", end_times: 6 },
  };

  it("fills the modify form from a recurring meeting, and from one occurrence", () => {
    const series = fromMeeting(weekly, "UTC");
    expect(series).toMatchObject({
      topic: "Sync",
      date: "2026-12-01",
      time: "10:00",
      timezone: "Europe/Madrid",
      repeat: "weekly",
      days: [2, 4],
      endBy: "after",
      endCount: 6,
    });
    const one = fromMeeting(weekly, "UTC", "12");
    expect(one).toMatchObject({ date: "2026-12-03", time: "10:00", duration: 45 });
    expect(toOccurrenceEdit(one)).toEqual({
      date: "2026-12-03",
      time: "10:00",
      timezone: "Europe/Madrid",
      duration: 45,
      agenda: "",
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
