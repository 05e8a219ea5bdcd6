import { describe, expect, it } from "vitest";
import type { WeekItem } from "./bindings/WeekItem";
import {
  endOf,
  fold,
  groupByDay,
  hiddenDays,
  needleOf,
  rowFormatter,
  rowKey,
  searchWeek,
  type DayGroup,
} from "./week";

let next = 1;
function item(start: string, topic = "Meeting", extra: Partial<WeekItem> = {}): WeekItem {
  return {
    meetingId: String(85000000000 + next++),
    occurrenceId: "",
    topic,
    start,
    duration: 30,
    timezone: null,
    recurring: false,
    officeHours: false,
    ...extra,
  };
}

const summary = (groups: DayGroup[]) =>
  groups.map((g) => ({ key: g.key, heading: g.heading, starts: g.items.map((i) => i.start) }));

describe("groupByDay", () => {
  it("splits days at midnight in the display zone, across the spring DST change", () => {
    // Madrid moves from UTC+1 to UTC+2 at 01:00 UTC on Sunday 29 March 2026.
    const items = [
      item("2026-03-28T22:30:00Z"), // Sat 23:30 (UTC+1)
      item("2026-03-28T23:30:00Z"), // Sun 00:30: Sunday in Madrid, still Saturday in UTC
      item("2026-03-29T21:30:00Z"), // Sun 23:30 (UTC+2)
      item("2026-03-29T22:30:00Z"), // Mon 00:30: a fixed UTC+1 would still say Sunday
    ];
    const now = Date.parse("2026-03-28T12:00:00Z");
    expect(summary(groupByDay(items, "Europe/Madrid", now))).toEqual([
      { key: "2026-03-28", heading: "Today", starts: ["2026-03-28T22:30:00Z"] },
      {
        key: "2026-03-29",
        heading: "Tomorrow",
        starts: ["2026-03-28T23:30:00Z", "2026-03-29T21:30:00Z"],
      },
      { key: "2026-03-30", heading: "Monday, March 30", starts: ["2026-03-29T22:30:00Z"] },
    ]);
    // The same rows counted in UTC fall on other days.
    expect(groupByDay(items, "UTC", now).map((g) => [g.key, g.items.length])).toEqual([
      ["2026-03-28", 2],
      ["2026-03-29", 2],
    ]);
  });

  it("keeps the 25-hour day of the autumn change whole", () => {
    // Madrid goes back from UTC+2 to UTC+1 at 01:00 UTC on Sunday 25 October 2026.
    const items = [
      item("2026-10-24T21:59:00Z"), // Sat 23:59 (UTC+2)
      item("2026-10-24T22:00:00Z"), // Sun 00:00 (UTC+2): the day starts here
      item("2026-10-25T22:59:00Z"), // Sun 23:59 (UTC+1)
      item("2026-10-25T23:00:00Z"), // Mon 00:00 (UTC+1)
    ];
    const now = Date.parse("2026-10-24T08:00:00Z");
    expect(groupByDay(items, "Europe/Madrid", now).map((g) => [g.key, g.items.length])).toEqual([
      ["2026-10-24", 1],
      ["2026-10-25", 2],
      ["2026-10-26", 1],
    ]);
  });

  it("follows the zone west of UTC too (a late evening is the previous day there)", () => {
    const items = [item("2026-11-20T03:00:00Z"), item("2026-11-20T06:00:00Z")];
    const now = Date.parse("2026-11-19T18:00:00Z");
    expect(summary(groupByDay(items, "America/New_York", now))).toEqual([
      { key: "2026-11-19", heading: "Today", starts: ["2026-11-20T03:00:00Z"] },
      { key: "2026-11-20", heading: "Tomorrow", starts: ["2026-11-20T06:00:00Z"] },
    ]);
  });

  it("has no group for days without rows, nor for an empty week", () => {
    const now = Date.parse("2026-11-23T08:00:00Z");
    expect(groupByDay([], "UTC", now)).toEqual([]);
    const groups = groupByDay(
      [item("2026-11-23T10:00:00Z"), item("2026-11-25T10:00:00Z")],
      "UTC",
      now,
    );
    expect(groups.map((g) => g.key)).toEqual(["2026-11-23", "2026-11-25"]);
    expect(groups.map((g) => g.heading)).toEqual(["Today", "Wednesday, November 25"]);
  });

  it("keeps the rows' order within a day, and puts days in calendar order", () => {
    const now = Date.parse("2026-11-23T08:00:00Z");
    const a = item("2026-11-23T09:00:00Z", "A");
    const b = item("2026-11-23T09:00:00Z", "B"); // same start: the order given stays
    const c = item("2026-11-24T09:00:00Z", "C");
    const d = item("2026-11-23T15:00:00Z", "D");
    const topics = (groups: DayGroup[]) => groups.map((g) => g.items.map((i) => i.topic));
    expect(topics(groupByDay([a, b, d, c], "UTC", now))).toEqual([["A", "B", "D"], ["C"]]);
    // Rows out of order (never from the backend) still give one group a day, in day order.
    expect(topics(groupByDay([c, a, d, b], "UTC", now))).toEqual([["A", "D", "B"], ["C"]]);
  });

  it("uses the given day of a row (the page's remembered one)", () => {
    const now = Date.parse("2026-11-23T08:00:00Z");
    const rows = [item("2026-11-23T09:00:00Z"), item("2026-11-23T10:00:00Z")];
    const groups = groupByDay(rows, "UTC", now, (i) =>
      i === rows[0] ? "2026-11-23" : "2026-11-24",
    );
    expect(groups.map((g) => g.key)).toEqual(["2026-11-23", "2026-11-24"]);
  });
});

describe("hiddenDays", () => {
  const now = Date.parse("2026-11-23T08:00:00Z");
  const rows = [
    item("2026-11-23T09:00:00Z", "Team standup"),
    item("2026-11-23T11:00:00Z", "Design review"),
    item("2026-11-24T09:00:00Z", "Budget"),
  ];
  const groups = groupByDay(rows, "UTC", now);

  it("hides nothing without a search", () => {
    expect(hiddenDays(groups, null).size).toBe(0);
  });

  it("hides the days none of whose rows match", () => {
    expect([...hiddenDays(groups, searchWeek(rows, "standup"))]).toEqual(["2026-11-24"]);
    expect([...hiddenDays(groups, searchWeek(rows, "zzz"))]).toEqual(["2026-11-23", "2026-11-24"]);
    expect(hiddenDays(groups, searchWeek(rows, "e")).size).toBe(0);
  });
});

describe("searchWeek (the backend's match, on the rows already loaded)", () => {
  const cafe = item("2026-11-23T09:00:00Z", "Café con el equipo");
  const standup = item("2026-11-23T10:00:00Z", "Team standup", {
    occurrenceId: "1764000000000",
  });
  const percent = item("2026-11-23T11:00:00Z", "100% done");
  const rows = [cafe, standup, percent];

  it("ignores case, beyond ASCII too", () => {
    for (const q of ["café", "CAFÉ", "  Café ", "CON EL"]) {
      expect(searchWeek(rows, q), q).toEqual(new Set([rowKey(cafe)]));
    }
    expect(searchWeek(rows, "STAND")).toEqual(new Set([rowKey(standup)]));
  });

  it("does not ignore accents, as the backend does not", () => {
    expect(searchWeek(rows, "cafe")?.size).toBe(0);
  });

  it("matches any text literally", () => {
    expect(searchWeek(rows, "%")).toEqual(new Set([rowKey(percent)]));
    expect(searchWeek(rows, ".*")?.size).toBe(0);
  });

  it("is no filter for a blank query", () => {
    expect(searchWeek(rows, "")).toBeNull();
    expect(searchWeek(rows, "   ")).toBeNull();
  });

  it("finds nothing in an empty week", () => {
    expect(searchWeek([], "standup")?.size).toBe(0);
  });

  it("reads at most 200 characters of the query, as the backend does", () => {
    const long = item("2026-11-23T12:00:00Z", "x".repeat(200));
    expect(searchWeek([long], "x".repeat(250))).toEqual(new Set([rowKey(long)]));
    expect(needleOf(` ${"é".repeat(250)}`)).toBe("é".repeat(200));
  });

  it("folds like Rust's to_lowercase, whatever the user's locale", () => {
    expect(fold("İSTANBUL")).toBe("i̇stanbul");
    expect(fold("ΟΔΟΣ")).toBe("οδος");
    expect(fold("ÀÉÎÕÜ")).toBe("àéîõü");
  });
});

describe("rows", () => {
  it("have a key per occurrence and end after their duration", () => {
    const row = item("2026-11-23T09:00:00Z", "X", { occurrenceId: "17", duration: 45 });
    expect(rowKey(row)).toBe(`${row.meetingId}/17`);
    expect(endOf(row)).toBe(Date.parse("2026-11-23T09:45:00Z"));
    expect(endOf({ ...row, duration: null })).toBe(Date.parse("2026-11-23T09:00:00Z"));
  });

  it("read in the display zone, with the meeting's own time when its zone differs", () => {
    const format = rowFormatter();
    const row = item("2026-11-23T23:30:00Z", "X", { timezone: "America/New_York" });
    const madrid = format(row, "Europe/Madrid");
    expect(madrid.day).toBe("2026-11-24");
    expect(madrid.range).toMatch(/^12:30\s*–\s*1:00\sAM$/);
    expect(madrid.theirs).toMatch(/^6:30\sPM in New York$/);
    expect(format(row, "America/New_York").theirs).toBe("");
    // Remembered: the same words, not formatted again.
    expect(format(row, "Europe/Madrid")).toBe(madrid);
  });
});
