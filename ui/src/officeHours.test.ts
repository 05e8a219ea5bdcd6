/**
 * The office-hours pages against the fake backend: the month table, paging, the empty month,
 * the set-up form, and the meeting's pages opened from the table.
 */
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import App from "./App.svelte";
import { addMonths, formatMonth, monthOf } from "./lib/officeHours";
import { navigate, resetHistory } from "./lib/router";
import { resetStatus } from "./lib/status";
import { clearToasts } from "./lib/toast";
import { createFakeBackend, HOSTILE_TOPIC, USER, type FakeOptions } from "./test/fakeBackend";

const ZONE = "Europe/Madrid";
const SERIES = "84077788899";
const DROP_IN = "84066655544";

beforeEach(async () => {
  localStorage.clear();
  resetStatus();
  clearToasts();
  await navigate("week");
  resetHistory();
});

afterEach(() => {
  clearMocks();
});

function backend(opts: FakeOptions = {}) {
  const fake = createFakeBackend({ zone: ZONE, ...opts });
  mockIPC(fake.handler, { shouldMockEvents: true });
  return fake;
}

type Fake = ReturnType<typeof backend>;

function callsOf(fake: Fake, cmd: string) {
  return fake.calls.filter((c) => c.cmd === cmd).map((c) => c.args);
}

const thisMonth = (fake: Fake) => monthOf(fake.now, ZONE);

/** The series' first occurrence still to come, and its month. */
function nextOccurrence(fake: Fake) {
  const series = fake.meetings.find((m) => m.id === SERIES)!;
  const o = series.occurrences.find((x) => Date.parse(x.start) > fake.now)!;
  return { occurrence: o, month: monthOf(Date.parse(o.start), ZONE) };
}

describe("Office hours: the month table", () => {
  it("lists this month's office hours; ended rows are dimmed, without Modify or Start", async () => {
    const fake = backend();
    await navigate("office-hours");
    render(App);
    const rows = await screen.findAllByTestId("office-hours-row");
    const series = fake.meetings.find((m) => m.id === SERIES)!;
    const expected = series.occurrences.filter(
      (o) => monthOf(Date.parse(o.start), ZONE) === thisMonth(fake),
    );
    expect(rows).toHaveLength(expected.length);
    expect(screen.getByTestId("office-hours-month")).toHaveTextContent(
      formatMonth(thisMonth(fake)),
    );
    expect(screen.getByTestId("office-hours-zone")).toHaveTextContent("Times in Europe/Madrid");
    expect(screen.getByRole("table")).toHaveAccessibleName(
      `Office hours in ${formatMonth(thisMonth(fake))}; times in Europe/Madrid`,
    );
    expect(screen.queryByTestId("office-hours-today")).toBeNull();
    rows.forEach((row, i) => {
      const o = expected[i]!;
      expect(row).toHaveAttribute("data-meeting-id", SERIES);
      expect(row).toHaveAttribute("data-occurrence-id", o.id);
      const cell = (id: string) => within(row).getByTestId(id);
      expect(cell("oh-time").textContent).toMatch(/^10:00\s–\s11:00\sAM$/);
      expect(cell("oh-duration")).toHaveTextContent("1 h");
      expect(cell("oh-recurrence")).toHaveTextContent(/^Every week on \w+day$/);
      expect(cell("oh-topic")).toHaveTextContent(`Office hours: ${USER.name}`);
      expect(within(row).getByTestId("oh-details")).toBeInTheDocument();
      expect(within(row).getByTestId("oh-invitation")).toBeInTheDocument();
      const past = Date.parse(o.start) + 60 * 60_000 <= Date.now();
      expect(row.hasAttribute("data-past")).toBe(past);
      expect(within(row).queryByTestId("oh-modify") === null).toBe(past);
      expect(within(row).queryByTestId("oh-start") === null).toBe(past);
    });
    expect(callsOf(fake, "office_hours_month")[0]).toEqual({ month: null });
  });

  it("pages through months, Previous stops at last month, and This month comes back", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate("office-hours");
    render(App);
    await screen.findAllByTestId("office-hours-row");
    const last = addMonths(thisMonth(fake), -1);
    await user.click(screen.getByTestId("office-hours-prev"));
    await waitFor(() =>
      expect(screen.getByTestId("office-hours-month")).toHaveTextContent(formatMonth(last)),
    );
    expect(callsOf(fake, "office_hours_month").at(-1)).toEqual({ month: last });
    expect(new URLSearchParams(location.search).get("month")).toBe(last);
    // The cache keeps no more than last month.
    const prev = screen.getByTestId("office-hours-prev");
    expect(prev).toHaveAttribute("aria-disabled", "true");
    const calls = callsOf(fake, "office_hours_month").length;
    await user.click(prev);
    expect(callsOf(fake, "office_hours_month")).toHaveLength(calls);
    await user.click(screen.getByTestId("office-hours-today"));
    await waitFor(() =>
      expect(screen.getByTestId("office-hours-month")).toHaveTextContent(
        formatMonth(thisMonth(fake)),
      ),
    );
    expect(screen.getByTestId("office-hours-month")).toHaveFocus();
    expect(screen.queryByTestId("office-hours-today")).toBeNull();
    expect(new URLSearchParams(location.search).get("month")).toBeNull();
    await user.click(screen.getByTestId("office-hours-next"));
    await waitFor(() =>
      expect(screen.getByTestId("office-hours-month")).toHaveTextContent(
        formatMonth(addMonths(thisMonth(fake), 1)),
      ),
    );
  });

  it("an empty month says when the next office hours are, and goes to that month", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "office-hours", month: addMonths(thisMonth(fake), 2) });
    render(App);
    const empty = await screen.findByTestId("office-hours-empty");
    expect(empty).toHaveTextContent("Your next office hours are on");
    expect(within(empty).getByTestId("office-hours-setup")).toBeInTheDocument();
    await user.click(screen.getByTestId("office-hours-later"));
    const [row] = await screen.findAllByTestId("office-hours-row");
    expect(row).toHaveAttribute("data-meeting-id", DROP_IN);
    expect(row).toHaveAttribute("data-occurrence-id", "");
    expect(within(row!).getByTestId("oh-recurrence")).toHaveTextContent("Once");
    expect(within(row!).getByTestId("oh-time").textContent).toMatch(/^4:00\s–\s4:30\sPM$/);
    expect(screen.getByTestId("office-hours-month")).toHaveFocus();
  });

  it("renders a hostile topic as text", async () => {
    const fake = backend();
    fake.meetings.find((m) => m.id === SERIES)!.topic = HOSTILE_TOPIC;
    await navigate("office-hours");
    render(App);
    const [row] = await screen.findAllByTestId("office-hours-row");
    expect(within(row!).getByTestId("oh-topic")).toHaveTextContent(HOSTILE_TOPIC);
    expect(document.querySelector("img[src='x']")).toBeNull();
  });

  it("reloads on zoomdesk://cache", async () => {
    const fake = backend();
    await navigate("office-hours");
    render(App);
    await screen.findAllByTestId("office-hours-row");
    const before = callsOf(fake, "office_hours_month").length;
    await emit("zoomdesk://cache", null);
    await waitFor(() => expect(callsOf(fake, "office_hours_month").length).toBeGreaterThan(before));
  });

  it("keeps the last month on screen when a reload fails, with Try again", async () => {
    const fake = createFakeBackend({ zone: ZONE });
    let fail = false;
    mockIPC(
      (cmd, args) => {
        if (fail && cmd === "office_hours_month")
          throw { kind: "storage", message: "The cache could not be read." };
        return fake.handler(cmd, args);
      },
      { shouldMockEvents: true },
    );
    const user = userEvent.setup();
    await navigate("office-hours");
    render(App);
    await screen.findAllByTestId("office-hours-row");
    fail = true;
    await emit("zoomdesk://cache", null);
    expect(await screen.findByTestId("office-hours-error")).toHaveTextContent(
      "The cache could not be read.",
    );
    expect(screen.getAllByTestId("office-hours-row").length).toBeGreaterThan(0);
    fail = false;
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(screen.queryByTestId("office-hours-error")).toBeNull());
  });

  it("Start opens the meeting; Details and Invitation open its pages under Office hours", async () => {
    const fake = backend();
    const user = userEvent.setup();
    const { occurrence, month } = nextOccurrence(fake);
    await navigate({ page: "office-hours", month });
    render(App);
    await screen.findAllByTestId("office-hours-row");
    const row = () =>
      screen
        .getAllByTestId("office-hours-row")
        .find((r) => r.getAttribute("data-occurrence-id") === occurrence.id)!;
    await user.click(within(row()).getByTestId("oh-start"));
    await waitFor(() => expect(callsOf(fake, "start_meeting")).toEqual([{ id: SERIES }]));

    await user.click(within(row()).getByTestId("oh-details"));
    expect(await screen.findByTestId("meeting-topic")).toHaveTextContent("Office hours");
    expect(screen.getByTestId("badge-office-hours")).toHaveTextContent("Office hours");
    expect(screen.getByTestId("nav-office-hours")).toHaveAttribute("aria-current", "page");
    expect(
      screen.getAllByTestId("occurrence-row").find((r) => r.getAttribute("aria-current")),
    ).toHaveAttribute("data-occurrence-id", occurrence.id);
    await user.click(screen.getByTestId("btn-back"));
    await screen.findAllByTestId("office-hours-row");
    // Back comes to the same month.
    expect(screen.getByTestId("office-hours-month")).toHaveTextContent(formatMonth(month));

    await user.click(within(row()).getByTestId("oh-invitation"));
    expect(await screen.findByTestId("btn-add-calendar")).toBeInTheDocument();
    expect(screen.getByTestId("badge-office-hours")).toBeInTheDocument();
    expect(screen.getByTestId("nav-office-hours")).toHaveAttribute("aria-current", "page");
  });

  it("Modify changes one occurrence and comes back to the table", async () => {
    const fake = backend();
    const user = userEvent.setup();
    const { occurrence, month } = nextOccurrence(fake);
    await navigate({ page: "office-hours", month });
    render(App);
    await screen.findAllByTestId("office-hours-row");
    const row = screen
      .getAllByTestId("office-hours-row")
      .find((r) => r.getAttribute("data-occurrence-id") === occurrence.id)!;
    await user.click(within(row).getByTestId("oh-modify"));
    expect(await screen.findByTestId("scope-occurrence")).toBeChecked();
    expect(screen.getByTestId("badge-office-hours")).toBeInTheDocument();
    expect(screen.getByTestId("nav-office-hours")).toHaveAttribute("aria-current", "page");
    const duration = screen.getByTestId("field-duration");
    await user.clear(duration);
    await user.type(duration, "90");
    await user.click(screen.getByTestId("btn-save"));
    await waitFor(() => expect(callsOf(fake, "update_occurrence")).toHaveLength(1));
    expect(callsOf(fake, "update_occurrence")[0]).toMatchObject({
      id: SERIES,
      occurrenceId: occurrence.id,
      edit: { duration: 90 },
    });
    expect(await screen.findByTestId("office-hours-table")).toBeInTheDocument();
    expect(screen.getByTestId("office-hours-month")).toHaveTextContent(formatMonth(month));
  });

  it("This week marks office hours with a badge", async () => {
    backend();
    render(App);
    const rows = await screen.findAllByTestId("week-item");
    const oh = rows.find((r) => r.getAttribute("data-meeting-id") === SERIES)!;
    expect(within(oh).getByTestId("week-item-office-hours")).toHaveTextContent("Office hours");
    const design = rows.find((r) => r.getAttribute("data-meeting-id") === "85012345678")!;
    expect(within(design).queryByTestId("week-item-office-hours")).toBeNull();
  });

  it("a reminder of office hours says so", async () => {
    const fake = backend();
    const { occurrence } = nextOccurrence(fake);
    await navigate({ page: "reminder", id: SERIES, occurrenceId: occurrence.id });
    render(App);
    expect(await screen.findByTestId("reminder-topic")).toBeInTheDocument();
    expect(screen.getByTestId("badge-office-hours")).toBeInTheDocument();
  });
});

describe("Office hours: set up", () => {
  it("is the meeting form without hosts and description, and creates office hours", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate("office-hours");
    render(App);
    await screen.findAllByTestId("office-hours-row");
    await user.click(screen.getByTestId("office-hours-setup"));
    expect(await screen.findByTestId("office-hours-setup-page")).toBeInTheDocument();
    expect(screen.getByTestId("nav-office-hours")).toHaveAttribute("aria-current", "page");
    expect(screen.getByTestId("field-topic")).toHaveValue(`Office hours: ${USER.name}`);
    expect(screen.getByTestId("field-repeat")).toHaveValue("weekly");
    expect(screen.queryByTestId("field-alt-hosts")).toBeNull();
    expect(screen.queryByTestId("field-agenda")).toBeNull();
    await fireEvent.input(screen.getByTestId("field-date"), { target: { value: "2027-03-18" } });
    await fireEvent.input(screen.getByTestId("field-time"), { target: { value: "16:00" } });
    await user.click(screen.getByTestId("field-dial-in-ES"));
    await user.type(screen.getByTestId("field-passcode"), "drop1n");
    expect(await screen.findAllByTestId("preview-item", {}, { timeout: 2000 })).not.toHaveLength(0);
    await user.click(screen.getByTestId("btn-save"));
    await waitFor(() => expect(callsOf(fake, "create_meeting")).toHaveLength(1));
    expect(callsOf(fake, "create_meeting")[0]!.input).toMatchObject({
      topic: `Office hours: ${USER.name}`,
      date: "2027-03-18",
      time: "16:00",
      timezone: ZONE,
      passcode: "drop1n",
      dialInCountries: ["ES"],
      alternativeHosts: [],
      agenda: "",
      repeat: { kind: "weekly", days: [4] },
      officeHours: true,
    });
    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent(
      "Office hours set up",
    );
    expect(screen.getByTestId("badge-office-hours")).toBeInTheDocument();
    expect(screen.getByTestId("nav-office-hours")).toHaveAttribute("aria-current", "page");
    await user.click(screen.getByTestId("btn-to-office-hours"));
    // The table opens at the month of the first occurrence.
    expect(await screen.findByTestId("office-hours-month")).toHaveTextContent("March 2027");
    await screen.findAllByTestId("office-hours-row");
    await user.keyboard("{Alt>}{ArrowLeft}{/Alt}");
    await user.click(await screen.findByTestId("btn-view-details"));
    expect(await screen.findByTestId("meeting-topic")).toHaveTextContent("Office hours");
    expect(screen.getByTestId("nav-office-hours")).toHaveAttribute("aria-current", "page");
  });

  it("keeps the form filled and shows the error when Zoom refuses", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "office-hours-setup" });
    render(App);
    await user.type(await screen.findByTestId("field-passcode"), "bad pass");
    await user.click(screen.getByTestId("btn-save"));
    expect(await screen.findByTestId("error-passcode")).toBeInTheDocument();
    expect(screen.getByTestId("field-topic")).toHaveValue(`Office hours: ${USER.name}`);
    expect(screen.getByTestId("field-passcode")).toHaveValue("bad pass");
    expect(fake.meetings.filter((m) => m.officeHours)).toHaveLength(2);
  });

  it("says the office hours may exist when Zoom never confirmed, and points at the table", async () => {
    const fake = createFakeBackend({ zone: ZONE });
    mockIPC(
      (cmd, args) => {
        if (cmd === "create_meeting")
          throw {
            kind: "unconfirmed",
            message: "Zoom did not confirm.",
            code: "unconfirmedCreate",
          };
        return fake.handler(cmd, args);
      },
      { shouldMockEvents: true },
    );
    const user = userEvent.setup();
    await navigate({ page: "office-hours-setup" });
    render(App);
    await user.click(await screen.findByTestId("btn-save"));
    expect(await screen.findByTestId("create-unconfirmed")).toBeInTheDocument();
    expect(screen.getByTestId("field-topic")).toHaveValue(`Office hours: ${USER.name}`);
    await user.click(screen.getByRole("button", { name: "Open Office hours" }));
    expect(await screen.findByTestId("page-office-hours")).toBeInTheDocument();
  });

  it("falls back to a plain title without the user's name", async () => {
    const fake = createFakeBackend({ zone: ZONE });
    mockIPC(
      async (cmd, args) => {
        const out = await fake.handler(cmd, args);
        if (cmd === "session_state") return { ...(out as object), user: undefined };
        return out;
      },
      { shouldMockEvents: true },
    );
    await navigate({ page: "office-hours-setup" });
    render(App);
    expect(await screen.findByTestId("field-topic")).toHaveValue("Office hours");
  });
});
