/**
 * Page-level flows against the fake backend (mockIPC with mocked events).
 */
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import { resetDownloads } from "./lib/downloads";
import { navigate, resetHistory } from "./lib/router";
import { resetStatus } from "./lib/status";
import { clearToasts } from "./lib/toast";
import {
  createFakeBackend,
  HOSTILE_RECORDING_TOPIC,
  HOSTILE_TOPIC,
  REC,
  type FakeOptions,
} from "./test/fakeBackend";

beforeEach(async () => {
  localStorage.clear();
  resetStatus();
  clearToasts();
  resetDownloads();
  await navigate("week");
  resetHistory();
});

afterEach(() => {
  clearMocks();
});

function backend(opts: FakeOptions = {}) {
  const fake = createFakeBackend({ zone: "UTC", ...opts });
  mockIPC(fake.handler, { shouldMockEvents: true });
  return fake;
}

function callsOf(fake: ReturnType<typeof backend>, cmd: string) {
  return fake.calls.filter((c) => c.cmd === cmd).map((c) => c.args);
}

describe("sign-in", () => {
  it("shows the welcome page, a pending state, and Cancel calls cancel_sign_in", async () => {
    const fake = backend({ signedIn: false, signInWaits: true });
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByTestId("welcome")).toBeInTheDocument();
    expect(screen.getByTestId("welcome-simulator")).toHaveTextContent(
      "Connected to the Zoom simulator",
    );
    expect(screen.getByTestId("simulator-badge")).toBeInTheDocument();
    // Always on screen, naming the server that stands in for Zoom.
    expect(screen.getByTestId("simulator-server")).toHaveTextContent("127.0.0.1:9900");
    await waitFor(() => expect(screen.getByTestId("client-id-input")).toHaveValue("Zx1Client"));
    await user.click(screen.getByTestId("signin-button"));
    expect(await screen.findByTestId("signin-cancel")).toBeInTheDocument();
    expect(screen.getByTestId("signin-button")).toHaveTextContent("Waiting for Zoom…");
    expect(screen.getByTestId("signin-button")).toHaveAttribute("aria-busy", "true");
    await user.click(screen.getByTestId("signin-cancel"));
    expect(await screen.findByTestId("signin-cancelled")).toBeInTheDocument();
    expect(screen.queryByTestId("signin-cancel")).not.toBeInTheDocument();
    expect(callsOf(fake, "cancel_sign_in")).toHaveLength(1);
    expect(screen.queryByTestId("signin-error")).not.toBeInTheDocument();
  });

  it("saves a new client id, signs in, then shows This week", async () => {
    const fake = backend({ signedIn: false });
    const user = userEvent.setup();
    render(App);
    const input = await screen.findByTestId("client-id-input");
    await waitFor(() => expect(input).toHaveValue("Zx1Client"));
    await user.clear(input);
    await user.type(input, "NewClient{Enter}");
    expect(await screen.findAllByTestId("week-item")).not.toHaveLength(0);
    expect(callsOf(fake, "save_settings")).toEqual([{ update: { clientId: "NewClient" } }]);
    expect(screen.getByTestId("status-user")).toHaveTextContent("Ana García");
  });

  it("hides the client id field on a managed install and says who set it", async () => {
    backend({ signedIn: false, managed: true });
    render(App);
    expect(await screen.findByTestId("signin-button")).toBeInTheDocument();
    expect(screen.queryByTestId("client-id-input")).not.toBeInTheDocument();
    expect(screen.getByTestId("welcome-managed")).toHaveTextContent(
      "Zoomdesk was set up for you by Acme IT (/etc/zoomdesk/config.json).",
    );
  });

  it("on a managed install Settings shows who chose the Zoom app instead of the field", async () => {
    backend({ signedIn: true, managed: true });
    render(App);
    await navigate({ page: "settings" });
    expect(await screen.findByTestId("settings-managed-by")).toHaveTextContent(
      "The Zoom app was chosen by Acme IT (/etc/zoomdesk/config.json).",
    );
    expect(screen.queryByTestId("settings-client-id")).not.toBeInTheDocument();
    expect(screen.queryByTestId("settings-client-secret")).not.toBeInTheDocument();
  });
});

describe("status area", () => {
  it("updates from zoomdesk://session and zoomdesk://sync events, and Refresh syncs", async () => {
    const fake = backend({ signedIn: false });
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("welcome");
    await emit("zoomdesk://session", {
      signedIn: true,
      user: { ...createFakeBackend().meetings, name: "Bea Ruiz", email: "bea@example.com" },
      clientIdConfigured: true,
      managed: false,
      simulator: false,
      apiBase: "https://api.zoom.us/v2",
      vault: "file",
      notices: [],
    });
    await waitFor(() => expect(screen.getByTestId("status-user")).toHaveTextContent("Bea Ruiz"));
    expect(screen.queryByTestId("simulator-badge")).not.toBeInTheDocument();
    await emit("zoomdesk://sync", { state: "syncing" });
    await waitFor(() => expect(screen.getByTestId("status-sync")).toHaveTextContent("Syncing…"));
    await emit("zoomdesk://sync", {
      state: "offline",
      syncedAt: new Date(Date.now() - 3 * 60_000).toISOString(),
      message: "No connection",
    });
    await waitFor(() =>
      expect(screen.getByTestId("status-sync")).toHaveTextContent(
        "Offline · data from 3 minutes ago",
      ),
    );
    expect(await screen.findByTestId("offline-banner")).toHaveTextContent("3 minutes ago");
    await user.click(screen.getByTestId("refresh-button"));
    await waitFor(() => expect(callsOf(fake, "sync_now")).toHaveLength(1));
    await user.keyboard("{Control>}r{/Control}");
    await waitFor(() => expect(callsOf(fake, "sync_now")).toHaveLength(2));
  });
});

describe("messages from the backend", () => {
  it("shows notices and the reason a sign-in ended from the catalog, not in Rust's words", async () => {
    backend({ signedIn: false });
    render(App);
    await screen.findByTestId("welcome");
    await emit("zoomdesk://session", {
      signedIn: false,
      clientIdConfigured: true,
      managed: true,
      simulator: false,
      apiBase: "https://api.zoom.us/v2",
      vault: "file",
      endedBecause: "english from rust",
      endedBecauseKey: "signIn.revoked",
      notices: [
        {
          key: "notice.vaultFallback",
          params: { reason: "locked", path: "/home/ana/tokens.json" },
          text: "english from rust",
        },
      ],
    });
    const ended = await screen.findByTestId("welcome-ended");
    expect(ended).toHaveTextContent("Your Zoom sign-in was revoked");
    const welcome = screen.getByTestId("welcome");
    expect(welcome).toHaveTextContent("No system keychain is available (locked)");
    expect(welcome).toHaveTextContent("/home/ana/tokens.json");
    expect(welcome).not.toHaveTextContent("english from rust");
  });
});

describe("This week", () => {
  it("groups by day with Today/Tomorrow headings, badges and 'in N min'", async () => {
    backend();
    render(App);
    const rows = await screen.findAllByTestId("week-item");
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const first = rows[0]!;
    expect(first).toHaveAttribute("data-meeting-id", "85012345678");
    expect(first).toHaveAttribute("data-occurrence-id", "");
    expect(first).toHaveTextContent("Design review");
    expect(first).toHaveTextContent("One-time");
    expect(first).toHaveTextContent(/in 2\d min/);
    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings[0]).toMatch(/Today|Tomorrow/);
    const standup = rows.find((r) => r.textContent?.includes("Team standup"));
    expect(standup).toHaveTextContent("Recurring");
  });

  it("renders a hostile topic as text, never as HTML", async () => {
    backend();
    render(App);
    const rows = await screen.findAllByTestId("week-item");
    const hostile = rows.find((r) => r.getAttribute("data-meeting-id") === "87011112222")!;
    expect(hostile).toHaveTextContent(HOSTILE_TOPIC);
    expect(hostile.querySelector("img")).toBeNull();
    expect(document.querySelector("img[src='x']")).toBeNull();
  });

  it("searches the loaded week as you type, keeps the list meanwhile, and shows no-results", async () => {
    const fake = backend();
    const user = userEvent.setup();
    render(App);
    await screen.findAllByTestId("week-item");
    const loads = callsOf(fake, "week").length;
    await user.keyboard("{Control>}f{/Control}");
    const box = screen.getByTestId("week-search");
    expect(box).toHaveFocus();
    await user.type(box, "STAND");
    // While the debounce runs, the old list stays (no flicker).
    expect(screen.getAllByTestId("week-item").length).toBeGreaterThan(1);
    await waitFor(() =>
      expect(
        screen.getAllByTestId("week-item").every((r) => r.textContent?.includes("Team standup")),
      ).toBe(true),
    );
    // The rows already loaded are filtered: no backend query per keystroke.
    expect(callsOf(fake, "week")).toHaveLength(loads);
    expect(callsOf(fake, "week").every((a) => a.search === null)).toBe(true);
    await user.clear(box);
    await user.type(box, "zzz");
    expect(await screen.findByTestId("week-no-results")).toHaveTextContent(
      "No meetings match “zzz”",
    );
  });

  it("keeps the search when the week reloads, and applies it to the new rows", async () => {
    const fake = backend();
    const user = userEvent.setup();
    render(App);
    await screen.findAllByTestId("week-item");
    await user.type(screen.getByTestId("week-search"), "design");
    const topics = () => screen.getAllByTestId("week-item").map((r) => r.textContent ?? "");
    await waitFor(() => expect(topics()).toHaveLength(1));
    // A sync brings another matching meeting, and one that does not match.
    const design = fake.meetings.find((m) => m.topic === "Design review")!;
    fake.meetings.push(
      { ...design, id: "85012345679", topic: "Design sync" },
      { ...design, id: "85012345680", topic: "Lunch" },
    );
    await emit("zoomdesk://cache", null);
    await waitFor(() => expect(topics()).toHaveLength(2));
    expect(topics().every((text) => /design/i.test(text))).toBe(true);
    expect(screen.getByTestId("week-search")).toHaveValue("design");
  });

  it("shows the empty state when the week has no meetings", async () => {
    backend({ empty: true });
    render(App);
    expect(await screen.findByTestId("week-empty")).toHaveTextContent("No meetings this week");
  });

  it("reloads on zoomdesk://cache", async () => {
    const fake = backend();
    render(App);
    await screen.findAllByTestId("week-item");
    const before = callsOf(fake, "week").length;
    await emit("zoomdesk://cache", null);
    await waitFor(() => expect(callsOf(fake, "week").length).toBeGreaterThan(before));
  });

  it("rows open the details page with the keyboard", async () => {
    backend();
    const user = userEvent.setup();
    render(App);
    const rows = await screen.findAllByTestId("week-item");
    rows[0]!.focus();
    await user.keyboard("{ArrowDown}");
    expect(rows[1]).toHaveFocus();
    await user.keyboard("{ArrowUp}{Enter}");
    expect(await screen.findByTestId("page-meeting")).toBeInTheDocument();
    expect(await screen.findByTestId("meeting-topic")).toHaveTextContent("Design review");
    await user.keyboard("{Alt>}{ArrowLeft}{/Alt}");
    expect(await screen.findByTestId("page-week")).toBeInTheDocument();
  });
});

describe("details", () => {
  it("shows a one-time meeting and starts it with a pending state", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "meeting", id: "85012345678" });
    render(App);
    expect(await screen.findByTestId("meeting-topic")).toHaveTextContent("Design review");
    expect(screen.getByTestId("meeting-id")).toHaveTextContent("85012345678");
    expect(screen.getByTestId("meeting-passcode")).toHaveTextContent("x7Q!a");
    expect(screen.getByTestId("meeting-join-url")).toHaveTextContent(
      "https://zoom.us/j/85012345678",
    );
    expect(screen.getByTestId("meeting-when-user")).toHaveTextContent("your time");
    expect(screen.queryByTestId("meeting-recurrence")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("btn-start"));
    await waitFor(() => expect(callsOf(fake, "start_meeting")).toEqual([{ id: "85012345678" }]));
    expect(
      await screen.findByText("Zoom is opening the meeting in your browser."),
    ).toBeInTheDocument();
    await user.click(screen.getByTestId("btn-copy-invitation"));
    expect(await screen.findByText("Invitation copied")).toBeInTheDocument();
  });

  it("deletes one occurrence of a recurring meeting with delete_meeting(id, occurrenceId)", async () => {
    const fake = backend();
    const user = userEvent.setup();
    const occ = fake.meetings[1]!.occurrences[2]!.id;
    await navigate({ page: "meeting", id: "86098765432", occurrenceId: occ });
    render(App);
    expect(await screen.findByTestId("meeting-recurrence")).toHaveTextContent("Every day, 5 times");
    const rows = screen.getAllByTestId("occurrence-row");
    expect(rows).toHaveLength(5);
    expect(rows[2]).toHaveAttribute("aria-current", "true");
    await user.click(screen.getByTestId("btn-delete"));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByTestId("delete-occurrence")).toBeChecked();
    await user.click(within(dialog).getByTestId("delete-confirm"));
    await waitFor(() =>
      expect(callsOf(fake, "delete_meeting")).toEqual([{ id: "86098765432", occurrenceId: occ }]),
    );
    await waitFor(() => expect(screen.getAllByTestId("occurrence-row")).toHaveLength(4));
  });

  it("deletes the whole series with delete_meeting(id) and goes back to This week", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "meeting", id: "86098765432" });
    render(App);
    await screen.findByTestId("meeting-recurrence");
    await user.click(screen.getByTestId("btn-delete"));
    await user.click(screen.getByTestId("delete-series"));
    await user.click(screen.getByTestId("delete-confirm"));
    await waitFor(() =>
      expect(callsOf(fake, "delete_meeting")).toEqual([{ id: "86098765432", occurrenceId: null }]),
    );
    expect(await screen.findByTestId("page-week")).toBeInTheDocument();
  });

  it("Escape closes the delete dialog without deleting", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "meeting", id: "85012345678" });
    render(App);
    await screen.findByTestId("meeting-id");
    await user.click(screen.getByTestId("btn-delete"));
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(callsOf(fake, "delete_meeting")).toHaveLength(0);
  });

  it("shows a hostile topic literally on the details page", async () => {
    backend();
    await navigate({ page: "meeting", id: "87011112222" });
    render(App);
    expect(await screen.findByTestId("meeting-topic")).toHaveTextContent(HOSTILE_TOPIC);
    expect(document.querySelector("img[src='x']")).toBeNull();
  });
});

describe("create", () => {
  it("keeps everything typed when the backend rejects a field, and focuses it", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate("create");
    render(App);
    const topic = await screen.findByTestId("field-topic");
    await user.type(topic, "Budget");
    await user.type(screen.getByTestId("field-passcode"), "bad pass");
    await user.type(screen.getByTestId("field-agenda"), "Numbers for Q1");
    await user.click(screen.getByTestId("btn-save"));
    const error = await screen.findByTestId("error-passcode");
    expect(error).toHaveTextContent("A passcode has at most 10");
    expect(screen.getByTestId("field-passcode")).toHaveFocus();
    expect(screen.getByTestId("field-passcode")).toHaveAttribute("aria-invalid", "true");
    expect(topic).toHaveValue("Budget");
    // The label names the field; its help and then its error describe it.
    expect(screen.getByLabelText("Passcode")).toBe(screen.getByTestId("field-passcode"));
    expect(screen.getByTestId("field-passcode")).toHaveAccessibleDescription(
      /letters, digits and .* A passcode has at most 10/,
    );
    expect(topic).not.toHaveAttribute("aria-invalid");
    expect(topic).not.toHaveAttribute("aria-describedby");
    expect(screen.getByTestId("field-agenda")).toHaveValue("Numbers for Q1");
    expect(callsOf(fake, "create_meeting")).toHaveLength(1);
  });

  it("creates a weekly meeting and shows the recurring success wording, then the invitation", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate("create");
    render(App);
    await user.type(await screen.findByTestId("field-topic"), "Planning overlap");
    await user.selectOptions(screen.getByTestId("field-repeat"), "weekly");
    await user.click(screen.getByTestId("field-day-1"));
    await user.click(screen.getByTestId("field-day-3"));
    await user.clear(screen.getByTestId("field-end-count"));
    await user.type(screen.getByTestId("field-end-count"), "4");
    await user.type(screen.getByTestId("field-alt-hosts"), "lee@example.com,");
    await user.click(screen.getByTestId("field-dial-in-US"));
    const items = await screen.findAllByTestId("preview-item", {}, { timeout: 2000 });
    expect(items).toHaveLength(4);
    expect(screen.getByTestId("overlap-warning")).toHaveTextContent("Design review");
    await user.click(screen.getByTestId("btn-save"));
    const created = await screen.findByTestId("created-recurring");
    expect(created).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(
      "Your recurring meeting is scheduled: 4 occurrences",
    );
    // The saved meeting's typed repeat, in words.
    expect(created).toHaveTextContent(/Every week on \w+.*, 4 times/);
    const input = callsOf(fake, "create_meeting")[0]!.input as Record<string, unknown>;
    expect(input.topic).toBe("Planning overlap");
    expect(input.alternativeHosts).toEqual(["lee@example.com"]);
    expect(input.dialInCountries).toEqual(["US"]);
    expect((input.repeat as { kind: string }).kind).toBe("weekly");
    expect((input.repeat as { end: unknown }).end).toEqual({ kind: "after", count: 4 });
    await user.click(screen.getByTestId("btn-view-invitation"));
    expect(await screen.findByTestId("page-invitation")).toBeInTheDocument();
    await user.click(await screen.findByTestId("btn-add-calendar"));
    expect(await screen.findByTestId("ics-saved")).toHaveTextContent(
      /Saved to \/home\/ana\/Downloads\/zoom-meeting-\d+\.ics/,
    );
    await user.click(screen.getByTestId("btn-open-join"));
    await waitFor(() => expect(callsOf(fake, "open_join_url")).toHaveLength(1));
  });

  it("says 'Your meeting is scheduled' for a one-time meeting", async () => {
    backend();
    const user = userEvent.setup();
    await navigate("create");
    render(App);
    await user.type(await screen.findByTestId("field-topic"), "Interview{Enter}");
    expect(await screen.findByTestId("created-one-time")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(
      "Your meeting is scheduled",
    );
    await userEvent.setup().click(screen.getByTestId("btn-view-details"));
    expect(await screen.findByTestId("meeting-topic")).toHaveTextContent("Interview");
  });
});

describe("create: weekly days follow the start date until picked", () => {
  it("a series starting on a Monday repeats on Mondays", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate("create");
    render(App);
    await user.type(await screen.findByTestId("field-topic"), "Weekly across DST");
    await fireEvent.input(screen.getByTestId("field-date"), { target: { value: "2027-03-15" } });
    await user.selectOptions(screen.getByTestId("field-repeat"), "weekly");
    expect(screen.getByTestId("field-day-1")).toBeChecked();
    expect(screen.getByTestId("field-day-0")).not.toBeChecked();
    await user.click(screen.getByTestId("btn-save"));
    await waitFor(() => expect(callsOf(fake, "create_meeting")).toHaveLength(1));
    expect(callsOf(fake, "create_meeting")[0]!.input).toMatchObject({
      repeat: { kind: "weekly", days: [1] },
    });
  });
});

describe("create: a time that happens twice", () => {
  it("offers Earlier/Later when the clocks go back, and sends the choice as fold", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate("create");
    render(App);
    await user.type(await screen.findByTestId("field-topic"), "Night shift handover");
    const zone = screen.getByTestId("field-timezone");
    await user.clear(zone);
    await user.type(zone, "America/New_York");
    await fireEvent.input(screen.getByTestId("field-date"), { target: { value: "2026-11-01" } });
    await fireEvent.input(screen.getByTestId("field-time"), { target: { value: "01:30" } });
    expect(await screen.findByTestId("field-fold")).toHaveTextContent("happens twice");
    await user.click(screen.getByTestId("fold-later"));
    await user.click(screen.getByTestId("btn-save"));
    await waitFor(() => expect(callsOf(fake, "create_meeting")).toHaveLength(1));
    expect(callsOf(fake, "create_meeting")[0]!.input).toMatchObject({
      timezone: "America/New_York",
      date: "2026-11-01",
      time: "01:30",
      fold: "later",
    });
  });
});

describe("modify", () => {
  it("changes one occurrence with update_occurrence and only its own fields", async () => {
    const fake = backend();
    const user = userEvent.setup();
    const occ = fake.meetings[1]!.occurrences[1]!;
    await navigate({ page: "modify", id: "86098765432", occurrenceId: occ.id });
    render(App);
    expect(await screen.findByTestId("scope-occurrence")).toBeChecked();
    expect(screen.getByTestId("field-topic")).toBeDisabled();
    expect(screen.getByTestId("field-passcode")).toBeDisabled();
    expect(screen.getByTestId("occurrence-limits")).toBeInTheDocument();
    const duration = screen.getByTestId("field-duration");
    await user.clear(duration);
    await user.type(duration, "25");
    await user.click(screen.getByTestId("btn-save"));
    await waitFor(() => expect(callsOf(fake, "update_occurrence")).toHaveLength(1));
    const args = callsOf(fake, "update_occurrence")[0]!;
    expect(args.id).toBe("86098765432");
    expect(args.occurrenceId).toBe(occ.id);
    expect(args.edit).toMatchObject({
      duration: 25,
      timezone: "UTC",
      time: occ.start.slice(11, 16),
    });
    expect(await screen.findByTestId("page-meeting")).toBeInTheDocument();
    expect(await screen.findByText("This occurrence was changed")).toBeInTheDocument();
  });

  it("fills the series form from the meeting's typed repeat and saves it back unchanged", async () => {
    const fake = backend();
    const user = userEvent.setup();
    const standup = fake.meetings[1]!;
    standup.repeat = {
      kind: "monthly_by_weekday",
      every: 2,
      week: -1,
      weekday: 5,
      end: { kind: "on", date: "2027-03-31" },
    };
    await navigate({ page: "modify", id: standup.id });
    render(App);
    expect(await screen.findByTestId("scope-series")).toBeChecked();
    expect(screen.getByTestId("field-repeat")).toHaveValue("monthly");
    expect(screen.getByTestId("field-every")).toHaveValue(2);
    expect(screen.getByTestId("field-monthly-weekday")).toBeChecked();
    expect(screen.getByTestId("field-month-week")).toHaveValue("-1");
    expect(screen.getByTestId("field-month-weekday")).toHaveValue("5");
    expect(screen.getByTestId("field-end-on")).toBeChecked();
    expect(screen.getByTestId("field-end-date")).toHaveValue("2027-03-31");
    expect(screen.getByTestId("field-time")).toHaveValue(standup.start!.slice(11, 16));
    await user.click(screen.getByTestId("btn-save"));
    await waitFor(() => expect(callsOf(fake, "update_meeting")).toHaveLength(1));
    expect(callsOf(fake, "update_meeting")[0]!.input).toMatchObject({
      topic: "Team standup",
      timezone: "UTC",
      duration: 15,
      passcode: "standup",
      repeat: standup.repeat,
    });
    expect(await screen.findByTestId("meeting-recurrence")).toHaveTextContent(
      "Every 2 months on the last Friday, until Wednesday, March 31, 2027",
    );
  });

  it("fills a weekly series' days and interval", async () => {
    const fake = backend();
    const standup = fake.meetings[1]!;
    standup.repeat = { kind: "weekly", every: 2, days: [1, 3], end: { kind: "after", count: 8 } };
    await navigate({ page: "modify", id: standup.id });
    render(App);
    expect(await screen.findByTestId("field-repeat")).toHaveValue("weekly");
    expect(screen.getByTestId("field-every")).toHaveValue(2);
    for (const day of [0, 1, 2, 3, 4, 5, 6]) {
      const box = screen.getByTestId(`field-day-${day}`);
      if (day === 1 || day === 3) expect(box).toBeChecked();
      else expect(box).not.toBeChecked();
    }
    expect(screen.getByTestId("field-end-after")).toBeChecked();
    expect(screen.getByTestId("field-end-count")).toHaveValue(8);
  });

  it("changes the whole series with update_meeting", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "modify", id: "86098765432" });
    render(App);
    expect(await screen.findByTestId("scope-series")).toBeChecked();
    const topic = screen.getByTestId("field-topic");
    expect(topic).toHaveValue("Team standup");
    expect(screen.getByTestId("field-repeat")).toHaveValue("daily");
    await user.clear(topic);
    await user.type(topic, "Daily standup");
    await user.click(screen.getByTestId("btn-save"));
    await waitFor(() => expect(callsOf(fake, "update_meeting")).toHaveLength(1));
    expect((callsOf(fake, "update_meeting")[0]!.input as { topic: string }).topic).toBe(
      "Daily standup",
    );
  });
});

describe("settings", () => {
  it("saves the display zone and reminder lead, shows field errors, and signs out after confirming", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate("settings");
    render(App);
    const lead = await screen.findByTestId("settings-lead");
    expect(lead).toHaveValue("60");
    expect(
      within(lead)
        .getAllByRole("option")
        .map((o) => o.textContent?.trim()),
    ).toEqual([
      "1 h before (default)",
      "30 min before",
      "15 min before",
      "10 min before",
      "5 min before",
    ]);
    const zone = screen.getByTestId("settings-display-zone");
    await user.clear(zone);
    await user.type(zone, "Asia/Tokyo");
    await user.selectOptions(lead, "15");
    await user.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-saved")).toBeInTheDocument();
    expect(callsOf(fake, "save_settings").at(-1)).toMatchObject({
      update: { displayTimezone: "Asia/Tokyo", reminderLeadMinutes: 15 },
    });
    await user.click(screen.getByTestId("btn-sign-out"));
    await user.click(screen.getByTestId("sign-out-confirm"));
    await waitFor(() => expect(callsOf(fake, "sign_out")).toHaveLength(1));
    expect(await screen.findByTestId("status-signin")).toHaveTextContent("Not signed in");
  });

  it("shows a backend field error next to the reminder lead", async () => {
    const fake = backend();
    const user = userEvent.setup();
    fake.settings.reminderLeadMinutes = 500;
    await navigate("settings");
    render(App);
    const lead = await screen.findByTestId("settings-lead");
    await waitFor(() => expect(lead).toHaveValue("500"));
    await user.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("error-reminderLeadMinutes")).toHaveTextContent("1 to 240");
    expect(lead).toHaveFocus();
    expect(lead).toHaveAttribute("aria-invalid", "true");
  });

  it("keeps a saved lead that is not one of the choices as an extra choice", async () => {
    const fake = backend({ reminderLeadMinutes: 45 });
    const user = userEvent.setup();
    await navigate("settings");
    render(App);
    const lead = await screen.findByTestId("settings-lead");
    await waitFor(() => expect(lead).toHaveValue("45"));
    expect(within(lead).getByRole("option", { name: "45 min before" })).toBeInTheDocument();
    await user.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(callsOf(fake, "save_settings")).toHaveLength(1));
    expect(callsOf(fake, "save_settings")[0]).toMatchObject({
      update: { reminderLeadMinutes: 45 },
    });
  });

  it("saves the reminder-at-start, tray and login toggles", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate("settings");
    render(App);
    const atStart = await screen.findByRole("checkbox", {
      name: "Also notify when the meeting starts",
    });
    const tray = screen.getByRole("checkbox", {
      name: "Keep running in the tray when the window is closed",
    });
    const login = screen.getByRole("checkbox", { name: "Start Zoomdesk when you log in" });
    await waitFor(() => expect(tray).toBeChecked());
    expect(atStart).not.toBeChecked();
    expect(login).not.toBeChecked();
    expect(tray).toBeEnabled();
    await user.click(atStart);
    await user.click(tray);
    await user.click(login);
    await user.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(callsOf(fake, "save_settings")).toHaveLength(1));
    expect(callsOf(fake, "save_settings")[0]).toMatchObject({
      update: { reminderAtStart: true, keepInTray: false, startAtLogin: true },
    });
    expect(fake.settings).toMatchObject({
      reminderAtStart: true,
      keepInTray: false,
      startAtLogin: true,
    });
  });

  it("explains why Keep running in the tray is off when the desktop has no tray", async () => {
    const fake = backend({ trayAvailable: false });
    const user = userEvent.setup();
    await navigate("settings");
    render(App);
    const tray = await screen.findByRole("checkbox", {
      name: "Keep running in the tray when the window is closed",
    });
    expect(tray).toBeDisabled();
    expect(tray).not.toBeChecked();
    expect(tray).toHaveAccessibleDescription(/no tray icons, so closing the window quits/);
    await user.click(screen.getByTestId("settings-start-at-login"));
    await user.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(callsOf(fake, "save_settings")).toHaveLength(1));
    const update = callsOf(fake, "save_settings")[0]!.update as Record<string, unknown>;
    expect(update).not.toHaveProperty("keepInTray");
    expect(update.startAtLogin).toBe(true);
  });
});

describe("reminder", () => {
  const DESIGN = "85012345678";
  const STANDUP = "86098765432";

  function heading() {
    return screen.getByRole("heading", { level: 1 });
  }

  it("one-time: says it is a reminder, when it starts, in both zones, with the invitation details", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "reminder", id: DESIGN, occurrenceId: "" });
    render(App);
    expect(await screen.findByTestId("reminder-topic")).toHaveTextContent("Design review");
    expect(heading()).toHaveTextContent("Meeting reminder");
    expect(heading()).not.toHaveTextContent("Recurring");
    expect(screen.getByTestId("reminder-countdown")).toHaveTextContent(/^Starts in 2\d min$/);
    expect(screen.queryByTestId("reminder-occurrence")).not.toBeInTheDocument();
    expect(screen.queryByTestId("meeting-recurrence")).not.toBeInTheDocument();
    // The meeting's own zone (New York) and the user's (UTC here) differ: both are shown.
    expect(screen.getByTestId("meeting-when")).toHaveTextContent("(New York)");
    expect(screen.getByTestId("meeting-when-user")).toHaveTextContent("your time (UTC)");
    expect(screen.getByTestId("meeting-id")).toHaveTextContent(DESIGN);
    expect(screen.getByTestId("meeting-passcode")).toHaveTextContent("x7Q!a");
    expect(screen.getByTestId("meeting-join-url")).toHaveTextContent(
      "https://zoom.us/j/85012345678?pwd=abc",
    );
    expect(screen.getByTestId("meeting-dial-in")).toHaveTextContent("+1 646 558 8656");
    expect(screen.getByTestId("nav-week")).toHaveAttribute("aria-current", "page");
    await user.click(screen.getByTestId("btn-add-calendar"));
    expect(await screen.findByTestId("ics-saved")).toHaveTextContent(
      `Saved to /home/ana/Downloads/zoom-meeting-${DESIGN}.ics`,
    );
    expect(callsOf(fake, "export_ics")).toEqual([{ id: DESIGN }]);
  });

  it("updates 'Starts in' as the minutes pass", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], shouldAdvanceTime: true });
    try {
      backend();
      await navigate({ page: "reminder", id: DESIGN, occurrenceId: "" });
      render(App);
      const countdown = await screen.findByTestId("reminder-countdown");
      const minutes = () => Number(/Starts in (\d+) min/.exec(countdown.textContent ?? "")?.[1]);
      const first = minutes();
      expect(first).toBeGreaterThan(20);
      await vi.advanceTimersByTimeAsync(61_000);
      expect(minutes()).toBe(first - 1);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(minutes()).toBe(first - 2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("renders the topic as text, markup included", async () => {
    const fake = backend();
    fake.meetings[0]!.topic = "<b>Budget</b> review";
    await navigate({ page: "reminder", id: DESIGN, occurrenceId: "" });
    render(App);
    const topic = await screen.findByTestId("reminder-topic");
    expect(topic).toHaveTextContent("<b>Budget</b> review");
    expect(topic.querySelector("b")).toBeNull();
  });

  it("recurring: names the occurrence (n of m), the recurrence, and both zones", async () => {
    const fake = backend();
    const standup = fake.meetings[1]!;
    standup.timezone = "Asia/Tokyo";
    const occ = standup.occurrences[2]!;
    await navigate({ page: "reminder", id: STANDUP, occurrenceId: occ.id });
    render(App);
    expect(await screen.findByTestId("reminder-occurrence")).toHaveTextContent("Occurrence 3 of 5");
    expect(heading()).toHaveTextContent("Recurring meeting reminder");
    expect(screen.getByTestId("reminder-topic")).toHaveTextContent("Team standup");
    expect(screen.getByTestId("meeting-recurrence")).toHaveTextContent("Every day, 5 times");
    expect(screen.getByTestId("meeting-when")).toHaveTextContent("(Tokyo)");
    expect(screen.getByTestId("meeting-when-user")).toHaveTextContent("your time (UTC)");
    // The third occurrence's own date, not the series' first.
    const start = Date.parse(occ.start);
    const day = new Intl.DateTimeFormat("en", {
      timeZone: "UTC",
      weekday: "long",
      month: "long",
      day: "numeric",
    }).format(start);
    expect(screen.getByTestId("reminder-when")).toHaveTextContent(day);
    expect(screen.getByTestId("reminder-countdown")).toHaveTextContent(/^Starts/);
  });

  it("Start meeting calls start_meeting with the meeting id, with a pending state and errors on the page", async () => {
    const fake = backend();
    const user = userEvent.setup();
    let fail = true;
    mockIPC(
      (cmd, args) => {
        if (cmd === "start_meeting" && fail) {
          fail = false;
          return Promise.reject({ kind: "network", message: "No connection to Zoom." });
        }
        return fake.handler(cmd, args);
      },
      { shouldMockEvents: true },
    );
    await navigate({ page: "reminder", id: DESIGN, occurrenceId: "" });
    render(App);
    await user.click(await screen.findByTestId("btn-start"));
    expect(await screen.findByTestId("start-error")).toHaveTextContent("No connection to Zoom.");
    await user.click(screen.getByTestId("btn-start"));
    await waitFor(() => expect(callsOf(fake, "start_meeting")).toEqual([{ id: DESIGN }]));
    expect(
      await screen.findByText("Zoom is opening the meeting in your browser."),
    ).toBeInTheDocument();
    expect(screen.queryByTestId("start-error")).not.toBeInTheDocument();
  });

  it("Close goes back to where the user was", async () => {
    backend();
    const user = userEvent.setup();
    await navigate("settings");
    await navigate({ page: "reminder", id: DESIGN, occurrenceId: "" });
    render(App);
    await user.click(await screen.findByTestId("btn-close"));
    expect(await screen.findByTestId("page-settings")).toBeInTheDocument();
    expect(heading()).toHaveFocus();
  });

  it("Escape goes back too", async () => {
    backend();
    const user = userEvent.setup();
    await navigate("recordings");
    await navigate({ page: "reminder", id: STANDUP, occurrenceId: "1764748800000" });
    render(App);
    await screen.findByTestId("reminder-topic");
    await user.keyboard("{Escape}");
    expect(await screen.findByTestId("page-recordings")).toBeInTheDocument();
  });

  it("Close opens This week when the reminder opened the window (no history)", async () => {
    backend();
    const user = userEvent.setup();
    await navigate({ page: "reminder", id: DESIGN, occurrenceId: "" }, { replace: true });
    render(App);
    await user.click(await screen.findByTestId("btn-close"));
    expect(await screen.findByTestId("page-week")).toBeInTheDocument();
    expect(heading()).toHaveFocus();
  });

  it("says so when the meeting was deleted, with a way to This week", async () => {
    backend();
    const user = userEvent.setup();
    await navigate({ page: "reminder", id: "80000000000", occurrenceId: "" }, { replace: true });
    render(App);
    const gone = await screen.findByTestId("reminder-gone");
    expect(gone).toHaveTextContent("This meeting no longer exists");
    expect(screen.queryByTestId("btn-start")).not.toBeInTheDocument();
    await user.click(within(gone).getByRole("button", { name: "Back to This week" }));
    expect(await screen.findByTestId("page-week")).toBeInTheDocument();
  });

  it("says so when the occurrence is gone from the series, and leads to the series", async () => {
    backend();
    const user = userEvent.setup();
    await navigate({ page: "reminder", id: STANDUP, occurrenceId: "1" });
    render(App);
    const gone = await screen.findByTestId("reminder-occurrence-gone");
    expect(gone).toHaveTextContent("This occurrence no longer exists");
    await user.click(within(gone).getByRole("button", { name: "View the series" }));
    expect(await screen.findByTestId("page-meeting")).toBeInTheDocument();
  });

  it("shows a load error with Try again", async () => {
    const fake = backend();
    let fail = true;
    mockIPC(
      (cmd, args) => {
        if (cmd === "meeting" && fail) {
          fail = false;
          return Promise.reject({ kind: "storage", message: "Disk trouble." });
        }
        return fake.handler(cmd, args);
      },
      { shouldMockEvents: true },
    );
    const user = userEvent.setup();
    await navigate({ page: "reminder", id: DESIGN, occurrenceId: "" });
    render(App);
    expect(await screen.findByTestId("reminder-error")).toHaveTextContent("Disk trouble.");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("reminder-topic")).toHaveTextContent("Design review");
  });
});

describe("zoomdesk://navigate and zoomdesk://notice", () => {
  it("a notification click opens the reminder page, focused, and Close returns", async () => {
    const fake = backend();
    const user = userEvent.setup();
    render(App);
    await screen.findAllByTestId("week-item");
    const occ = fake.meetings[1]!.occurrences[1]!.id;
    await fake.emitNavigate({ page: "reminder", id: "86098765432", occurrenceId: occ });
    expect(await screen.findByTestId("page-reminder")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("heading", { level: 1 })).toHaveFocus());
    expect(await screen.findByTestId("reminder-occurrence")).toHaveTextContent("Occurrence 2 of 5");
    expect(location.search).toBe(`?page=reminder&id=86098765432&occurrence=${occ}`);
    await user.click(screen.getByTestId("btn-close"));
    expect(await screen.findByTestId("page-week")).toBeInTheDocument();
  });

  it("opens a meeting (with its occurrence) and a recording; ignores what it cannot open", async () => {
    const fake = backend();
    render(App);
    await screen.findAllByTestId("week-item");
    const occ = fake.meetings[1]!.occurrences[3]!.id;
    await fake.emitNavigate({ page: "meeting", id: "86098765432", occurrenceId: occ });
    expect(await screen.findByTestId("page-meeting")).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByTestId("occurrence-row")[3]).toHaveAttribute("aria-current", "true"),
    );
    await fake.emitNavigate({ page: "recording", uuid: REC.planning });
    expect(await screen.findByTestId("page-recording")).toBeInTheDocument();
    expect(await screen.findByTestId("recording-topic")).toHaveTextContent("Quarterly planning");
    await waitFor(() => expect(screen.getByRole("heading", { level: 1 })).toHaveFocus());
    expect(screen.getByTestId("nav-recordings")).toHaveAttribute("aria-current", "page");
    await emit("zoomdesk://navigate", { page: "nowhere", id: "1" });
    await emit("zoomdesk://navigate", { page: "reminder" });
    await emit("zoomdesk://navigate", { page: "recording" });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId("page-recording")).toBeInTheDocument();
  });

  it("a new recording's Play opens its details and starts the player; Details does not", async () => {
    const fake = backend();
    const user = userEvent.setup();
    render(App);
    await screen.findAllByTestId("week-item");
    await fake.emitNavigate({ page: "recording", uuid: REC.planning });
    expect(await screen.findByTestId("recording-topic")).toHaveTextContent("Quarterly planning");
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.calls.some((c) => c.cmd === "play_recording")).toBe(false);
    expect(screen.queryByTestId("player-media")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("nav-week"));
    await screen.findAllByTestId("week-item");
    await fake.emitNavigate({ page: "recording", uuid: REC.planning, play: true });
    expect(await screen.findByTestId("player-media")).toBeInTheDocument();
    expect(fake.calls.filter((c) => c.cmd === "play_recording")).toHaveLength(1);
  });

  it("a notice shows as a toast, in the catalog's words", async () => {
    const fake = backend();
    render(App);
    await screen.findAllByTestId("week-item");
    await fake.emitNotice({ key: "notice.linkInvalid", params: {}, text: "english from rust" });
    expect(await screen.findByTestId("toast")).toHaveTextContent(
      "That zoomdesk:// link is not one Zoomdesk can open, so nothing was done.",
    );
    expect(screen.getByTestId("toaster")).not.toHaveTextContent("english from rust");
  });

  it("a notice the catalog does not know shows the backend's sentence", async () => {
    const fake = backend();
    render(App);
    await screen.findAllByTestId("week-item");
    await fake.emitNotice({ key: "notice.brandNew", params: {}, text: "Something new happened." });
    expect(await screen.findByTestId("toast")).toHaveTextContent("Something new happened.");
  });
});

describe("recordings", () => {
  it("with hundreds of recordings, the first rows are drawn at once and the rest a frame later", async () => {
    const fake = backend();
    const model = fake.recordings[0]!;
    for (let i = 0; i < 200; i++) {
      fake.recordings.push({ ...model, uuid: `bulk-${i}==`, topic: `Bulk recording ${i}` });
    }
    await navigate("recordings");
    render(App);
    await screen.findAllByTestId("recording-row");
    const total = fake.recordings.filter(
      (r) => Date.now() - Date.parse(r.startTime) < 7 * 86_400_000,
    ).length;
    expect(total).toBeGreaterThan(200);
    expect(screen.getAllByTestId("recording-row").length).toBeLessThan(total);
    await waitFor(() => expect(screen.getAllByTestId("recording-row")).toHaveLength(total));
  });

  const rowOf = (uuid: string) =>
    screen.getAllByTestId("recording-row").find((r) => r.dataset.uuid === uuid)!;

  it("lists the last 7 days newest first, with date, time, duration, size and badges", async () => {
    const fake = backend();
    await navigate("recordings");
    render(App);
    const rows = await screen.findAllByTestId("recording-row");
    expect(rows.map((r) => r.dataset.uuid)).toEqual([
      REC.processing,
      REC.planning,
      REC.hostile,
      REC.podcast,
    ]);
    const table = screen.getByRole("table");
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent?.trim());
    expect(headers).toEqual(["Topic", "Date", "Start", "Duration", "Size", "Contains"]);

    const planning = rowOf(REC.planning);
    const rec = fake.recordings.find((r) => r.uuid === REC.planning)!;
    const start = Date.parse(rec.startTime);
    const time = new Intl.DateTimeFormat("en", {
      timeZone: "UTC",
      hour: "numeric",
      minute: "2-digit",
    }).format(start);
    const date = new Intl.DateTimeFormat("en", {
      timeZone: "UTC",
      weekday: "short",
      month: "short",
      day: "numeric",
    }).format(start);
    expect(planning).toHaveTextContent("Quarterly planning");
    expect(planning).toHaveTextContent(date);
    expect(planning).toHaveTextContent(time);
    expect(planning).toHaveTextContent("52 min");
    expect(planning).toHaveTextContent("60.4 MB");
    const badges = (row: HTMLElement) =>
      [...row.querySelectorAll(".badge")].map((b) => b.textContent?.trim());
    expect(badges(planning)).toEqual(["Video", "Transcript", "Chat"]);
    expect(badges(rowOf(REC.podcast))).toEqual(["Audio only"]);
    expect(rowOf(REC.podcast)).toHaveTextContent("18.8 MB");
    expect(badges(rowOf(REC.processing))).toEqual(["Processing", "Video"]);
    expect(within(rowOf(REC.processing)).getByTestId("badge-processing")).toHaveAttribute(
      "title",
      "Zoom is still processing this recording: it can't be played yet.",
    );
    // Older than 7 days: not listed.
    expect(screen.queryByText("Kickoff (older than a week)")).not.toBeInTheDocument();
    expect(screen.getByTestId("recordings-age")).toHaveTextContent("Synced 3 minutes ago");
  });

  it("renders a hostile topic as text", async () => {
    backend();
    await navigate("recordings");
    render(App);
    await screen.findAllByTestId("recording-row");
    const hostile = rowOf(REC.hostile);
    expect(hostile).toHaveTextContent(HOSTILE_RECORDING_TOPIC);
    expect(hostile.querySelector("b, img")).toBeNull();
    expect(document.querySelector("img[src='x']")).toBeNull();
  });

  it("filters by topic as you type (Ctrl+F), shows no-results and clears", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate("recordings");
    render(App);
    await screen.findAllByTestId("recording-row");
    await user.keyboard("{Control>}f{/Control}");
    const box = screen.getByTestId("recordings-search");
    expect(box).toHaveFocus();
    await user.type(box, "podcast");
    await waitFor(() => expect(screen.getAllByTestId("recording-row")).toHaveLength(1));
    expect(screen.getByTestId("recording-row")).toHaveTextContent("Podcast interview with Lee");
    expect(callsOf(fake, "recordings").map((a) => a.search)).toContain("podcast");
    await user.clear(box);
    await user.type(box, "zzz");
    expect(await screen.findByTestId("recordings-no-results")).toHaveTextContent(
      "No recordings match “zzz”",
    );
    await user.click(screen.getByRole("button", { name: "Clear search" }));
    await waitFor(() => expect(screen.getAllByTestId("recording-row")).toHaveLength(4));
    expect(box).toHaveFocus();
  });

  it("says so when there are none", async () => {
    backend({ noRecordings: true });
    await navigate("recordings");
    render(App);
    const empty = await screen.findByTestId("recordings-empty");
    expect(empty).toHaveTextContent("No recordings in the last 7 days");
    expect(empty).toHaveTextContent("Record a meeting to the cloud in Zoom");
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("shows a load error with Try again, reloads on zoomdesk://cache, and Refresh syncs", async () => {
    const fake = backend();
    let fail = true;
    mockIPC(
      (cmd, args) => {
        if (cmd === "recordings" && fail) {
          fail = false;
          return Promise.reject({ kind: "storage", message: "Disk trouble." });
        }
        return fake.handler(cmd, args);
      },
      { shouldMockEvents: true },
    );
    const user = userEvent.setup();
    await navigate("recordings");
    render(App);
    expect(await screen.findByTestId("recordings-error")).toHaveTextContent("Disk trouble.");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findAllByTestId("recording-row")).toHaveLength(4);
    const before = callsOf(fake, "recordings").length;
    await emit("zoomdesk://cache", null);
    await waitFor(() => expect(callsOf(fake, "recordings").length).toBeGreaterThan(before));
    await user.click(screen.getByTestId("recordings-refresh"));
    await waitFor(() => expect(callsOf(fake, "sync_now")).toHaveLength(1));
  });

  it("says when it is offline, with the age of what is shown", async () => {
    backend();
    await navigate("recordings");
    render(App);
    await screen.findAllByTestId("recording-row");
    await emit("zoomdesk://sync", {
      state: "offline",
      syncedAt: new Date(Date.now() - 42 * 60_000).toISOString(),
      message: "No network",
    });
    expect(await screen.findByTestId("offline-banner")).toHaveTextContent(
      "Showing recordings as they were 42 minutes ago",
    );
  });

  it("rows open the details with the keyboard, and Back returns", async () => {
    backend();
    const user = userEvent.setup();
    await navigate("recordings");
    render(App);
    await screen.findAllByTestId("recording-row");
    const links = screen.getAllByTestId("recording-link");
    links[0]!.focus();
    await user.keyboard("{ArrowDown}");
    expect(links[1]).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(await screen.findByTestId("recording-topic")).toHaveTextContent("Quarterly planning");
    expect(location.search).toBe(`?page=recording&uuid=${encodeURIComponent(REC.planning)}`);
    await user.keyboard("{Alt>}{ArrowLeft}{/Alt}");
    expect(await screen.findByTestId("page-recordings")).toBeInTheDocument();
  });
});

describe("recording details", () => {
  const file = (key: string) =>
    screen.getAllByTestId("recording-file").find((f) => f.dataset.fileKey === key)!;

  it("shows date, time, duration, size and each file in words, with its link", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "recording", uuid: REC.planning });
    render(App);
    expect(await screen.findByTestId("recording-topic")).toHaveTextContent("Quarterly planning");
    const rec = fake.recordings.find((r) => r.uuid === REC.planning)!;
    const date = new Intl.DateTimeFormat("en", {
      timeZone: "UTC",
      weekday: "long",
      month: "long",
      day: "numeric",
      year: "numeric",
    }).format(Date.parse(rec.startTime));
    expect(screen.getByTestId("recording-date")).toHaveTextContent(date);
    expect(screen.getByTestId("recording-time")).toHaveTextContent("(UTC)");
    expect(screen.getByTestId("recording-duration")).toHaveTextContent("52 min");
    expect(screen.getByTestId("recording-size")).toHaveTextContent("60.4 MB");
    const types = screen.getAllByTestId("file-type").map((f) => f.textContent);
    expect(types).toEqual([
      "Video (MP4)",
      "Audio only (M4A)",
      "Transcript (VTT)",
      "Chat (TXT)",
      "Timeline (JSON)",
    ]);
    const mp4 = rec.files[0]!;
    expect(file(mp4.key)).toHaveTextContent("Shared screen with speaker view");
    expect(file(mp4.key)).toHaveTextContent("48.2 MB");
    expect(within(file(mp4.key)).getByTestId("file-url")).toHaveTextContent(mp4.downloadUrl!);
    // Playable, transcript and chat files download; the timeline does not.
    for (const f of rec.files.slice(0, 4)) {
      expect(screen.getByTestId(`download-${f.key}`)).toBeInTheDocument();
    }
    expect(screen.queryByTestId("download-~TIMELINE.JSON")).not.toBeInTheDocument();
    expect(screen.getByTestId("nav-recordings")).toHaveAttribute("aria-current", "page");

    await user.click(screen.getByRole("button", { name: "Copy link of Video (MP4)" }));
    await waitFor(() => expect(callsOf(fake, "copy_text")).toEqual([{ text: mp4.downloadUrl }]));
    expect(await screen.findByText("Link copied")).toBeInTheDocument();

    await user.click(screen.getByTestId("open-web-player"));
    await waitFor(() =>
      expect(callsOf(fake, "open_recording_in_browser")).toEqual([{ uuid: REC.planning }]),
    );
  });

  it("shows unknown recording types humanised and a hostile topic as text", async () => {
    backend();
    await navigate({ page: "recording", uuid: REC.hostile });
    render(App);
    const topic = await screen.findByTestId("recording-topic");
    expect(topic).toHaveTextContent(HOSTILE_RECORDING_TOPIC);
    expect(topic.querySelector("b, img")).toBeNull();
    const kinds = screen.getAllByTestId("file-kind").map((k) => k.textContent);
    expect(kinds).toEqual([
      "Gallery view",
      "Shared screen with gallery view (with captions)",
      "Meeting summary next steps",
    ]);
    expect(screen.getAllByTestId("file-type").map((f) => f.textContent)).toContain(
      "Summary (JSON)",
    );
  });

  it("a recording still processing can't be played or downloaded yet", async () => {
    backend();
    const user = userEvent.setup();
    await navigate({ page: "recording", uuid: REC.processing });
    render(App);
    const play = await screen.findByTestId("play-recording");
    expect(play).toHaveAttribute("aria-disabled", "true");
    expect(play).toHaveAttribute("title", "Zoom is still processing this recording.");
    await user.click(play);
    expect(screen.queryByTestId("player-media")).not.toBeInTheDocument();
    expect(screen.getByTestId("recording-processing")).toHaveTextContent("Still processing");
    expect(screen.getAllByTestId("file-processing")).toHaveLength(2);
    expect(screen.queryByRole("button", { name: /^Download/ })).not.toBeInTheDocument();
  });

  it("says so when the recording is gone, with a way back to the list", async () => {
    backend();
    const user = userEvent.setup();
    await navigate({ page: "recording", uuid: "nope==" }, { replace: true });
    render(App);
    const gone = await screen.findByTestId("recording-gone");
    expect(gone).toHaveTextContent("This recording is no longer available");
    await user.click(within(gone).getByRole("button", { name: "Back to Recordings" }));
    expect(await screen.findByTestId("page-recordings")).toBeInTheDocument();
  });

  it("shows a load error with Try again", async () => {
    const fake = backend();
    let fail = true;
    mockIPC(
      (cmd, args) => {
        if (cmd === "recording" && fail) {
          fail = false;
          return Promise.reject({ kind: "storage", message: "Disk trouble." });
        }
        return fake.handler(cmd, args);
      },
      { shouldMockEvents: true },
    );
    const user = userEvent.setup();
    await navigate({ page: "recording", uuid: REC.planning });
    render(App);
    expect(await screen.findByTestId("recording-error")).toHaveTextContent("Disk trouble.");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("recording-topic")).toHaveTextContent("Quarterly planning");
  });
});

describe("player", () => {
  /** jsdom has no media playback: play/pause and `paused` are stubbed on the element. */
  function stubMedia(media: HTMLMediaElement) {
    let paused = true;
    Object.defineProperty(media, "paused", { configurable: true, get: () => paused });
    media.play = vi.fn(() => {
      paused = false;
      media.dispatchEvent(new Event("play"));
      return Promise.resolve();
    });
    media.pause = vi.fn(() => {
      paused = true;
      media.dispatchEvent(new Event("pause"));
    });
    return media;
  }

  it("plays the video from play_recording, resumes, toggles captions and obeys the keys", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "recording", uuid: REC.planning });
    render(App);
    const mp4 = fake.recordings.find((r) => r.uuid === REC.planning)!.files[0]!;
    // Where the user stopped last time.
    await fake.handler("save_play_position", { uuid: REC.planning, fileKey: mp4.key, seconds: 42 });
    await user.click(await screen.findByTestId("play-recording"));
    const media = stubMedia(await screen.findByTestId("player-media"));
    expect(media.tagName).toBe("VIDEO");
    expect(callsOf(fake, "play_recording")).toEqual([{ uuid: REC.planning, fileKey: null }]);
    const source = (await fake.handler("play_recording", { uuid: REC.planning })) as {
      url: string;
      captionsUrl: string;
    };
    expect(media.getAttribute("src")).toBe(source.url);
    expect(screen.getByTestId("player")).toHaveTextContent("Playing: Video (MP4)");
    fireEvent(media, new Event("loadedmetadata"));
    expect(media.currentTime).toBe(42);
    // "Play recording" plays, from where the user stopped.
    expect(media.play).toHaveBeenCalledTimes(1);
    expect(media.paused).toBe(false);

    const track = media.querySelector("track")!;
    expect(track).toHaveAttribute("kind", "captions");
    expect(track).toHaveAttribute("srclang", "en");
    expect(track).toHaveAttribute("src", source.captionsUrl);
    expect(track).toHaveAttribute("label", "English captions (from the transcript)");
    expect(track.hasAttribute("default")).toBe(true);
    const textTrack = { mode: "showing" };
    Object.defineProperty(track, "track", { configurable: true, value: textTrack });
    const toggle = screen.getByTestId("captions-toggle");
    expect(toggle).toHaveAttribute("aria-pressed", "true");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-pressed", "false");
    expect(textTrack.mode).toBe("hidden");
    await user.click(toggle);
    expect(textTrack.mode).toBe("showing");

    const region = screen.getByRole("group", { name: "Player" });
    expect(region).toHaveAccessibleDescription(/Space plays or pauses/);
    media.focus();
    await user.keyboard(" ");
    expect(media.pause).toHaveBeenCalledTimes(1);
    expect(media.paused).toBe(true);
    await user.keyboard(" ");
    expect(media.play).toHaveBeenCalledTimes(2);
    expect(media.paused).toBe(false);
    await user.keyboard("{ArrowRight}");
    expect(media.currentTime).toBe(47);
    await user.keyboard("{ArrowLeft}{ArrowLeft}");
    expect(media.currentTime).toBe(37);
    const requestFullscreen = vi.fn(() => Promise.resolve());
    media.requestFullscreen = requestFullscreen;
    await user.keyboard("f");
    expect(requestFullscreen).toHaveBeenCalledTimes(1);
    await user.keyboard(" ");
    expect(media.pause).toHaveBeenCalledTimes(2);
    expect(media.paused).toBe(true);
    // Pausing saves where the user is.
    await waitFor(() =>
      expect(callsOf(fake, "save_play_position").at(-1)).toEqual({
        uuid: REC.planning,
        fileKey: mp4.key,
        seconds: 37,
      }),
    );
    // Leaving the page saves too.
    media.currentTime = 61;
    await user.click(screen.getByTestId("btn-back"));
    await screen.findByTestId("page-week");
    await waitFor(() =>
      expect(callsOf(fake, "save_play_position").at(-1)).toMatchObject({ seconds: 61 }),
    );
  });

  it("saves the position every few seconds while playing", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"], shouldAdvanceTime: true });
    try {
      const fake = backend();
      await navigate({ page: "recording", uuid: REC.planning });
      render(App);
      fireEvent.click(await screen.findByTestId("play-recording"));
      const media = stubMedia(await screen.findByTestId("player-media"));
      void media.play();
      media.currentTime = 12;
      await vi.advanceTimersByTimeAsync(5_100);
      expect(callsOf(fake, "save_play_position").at(-1)).toMatchObject({ seconds: 12 });
      media.currentTime = 17.6;
      await vi.advanceTimersByTimeAsync(5_000);
      expect(callsOf(fake, "save_play_position").at(-1)).toMatchObject({ seconds: 17 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("plays audio-only recordings in an audio element, without a captions toggle", async () => {
    backend();
    const user = userEvent.setup();
    await navigate({ page: "recording", uuid: REC.podcast });
    render(App);
    await user.click(await screen.findByTestId("play-recording"));
    const media = await screen.findByTestId("player-media");
    expect(media.tagName).toBe("AUDIO");
    expect(screen.queryByTestId("captions-toggle")).not.toBeInTheDocument();
    expect(screen.getByTestId("player")).toHaveTextContent("Playing: Audio only (M4A)");
  });

  it("explains a missing decoder and offers the browser instead of a black box", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "recording", uuid: REC.planning });
    render(App);
    await user.click(await screen.findByTestId("play-recording"));
    const media = await screen.findByTestId("player-media");
    Object.defineProperty(media, "error", { configurable: true, value: { code: 4 } });
    fireEvent(media, new Event("error"));
    const error = await screen.findByTestId("player-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent("the video decoder is missing");
    expect(error).toHaveTextContent("gstreamer1.0-libav");
    expect(screen.queryByTestId("player-media")).not.toBeInTheDocument();
    await user.click(within(error).getByRole("button", { name: "Open in browser" }));
    await waitFor(() =>
      expect(callsOf(fake, "open_recording_in_browser")).toEqual([{ uuid: REC.planning }]),
    );
  });
});

describe("downloads", () => {
  it("shows progress with speed and time left, keeps it across pages, and cancels", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "recording", uuid: REC.planning });
    render(App);
    const mp4 = fake.recordings.find((r) => r.uuid === REC.planning)!.files[0]!;
    await user.click(await screen.findByTestId(`download-${mp4.key}`));
    expect(callsOf(fake, "download_recording")).toEqual([{ uuid: REC.planning, fileKey: mp4.key }]);
    const progress = await screen.findByTestId("download-progress");
    await waitFor(() =>
      expect(progress).toHaveTextContent("12.4 MB of 48.2 MB · 3.1 MB/s · 12 s left"),
    );
    expect(progress).toHaveTextContent("25%");
    expect(within(progress).getByRole("progressbar")).toHaveAttribute("value", "12390871");

    await fake.progress(mp4.key, { received: 30_000_000, bytesPerSecond: 2_000_000 });
    await waitFor(() =>
      expect(screen.getByTestId("download-progress")).toHaveTextContent(
        "30 MB of 48.2 MB · 2 MB/s · 10 s left",
      ),
    );
    await fake.progress(mp4.key, { state: "retrying", bytesPerSecond: 0 });
    await waitFor(() =>
      expect(screen.getByTestId("download-progress")).toHaveTextContent(
        "The connection dropped: resuming where it stopped…",
      ),
    );
    await fake.progress(mp4.key, { state: "running", bytesPerSecond: 2_000_000 });

    // Away and back: the download is still shown.
    await user.click(screen.getByTestId("nav-week"));
    await screen.findByTestId("page-week");
    await navigate({ page: "recording", uuid: REC.planning });
    expect(await screen.findByTestId("download-progress")).toHaveTextContent("30 MB of 48.2 MB");

    await user.click(screen.getByTestId("download-cancel"));
    await waitFor(() => expect(callsOf(fake, "cancel_download")).toEqual([{ id: "dl-1" }]));
    expect(await screen.findByTestId("download-cancelled")).toHaveTextContent(
      "Download cancelled.",
    );
    expect(screen.queryByTestId("download-progress")).not.toBeInTheDocument();
    expect(screen.getByTestId(`download-${mp4.key}`)).toHaveTextContent("Download again");
  });

  it("done shows where it was saved and Show in folder", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "recording", uuid: REC.planning });
    render(App);
    const chat = fake.recordings.find((r) => r.uuid === REC.planning)!.files[3]!;
    await user.click(await screen.findByTestId(`download-${chat.key}`));
    await screen.findByTestId("download-progress");
    const done = await fake.progress(chat.key, { received: 2_214, state: "done" });
    expect(await screen.findByTestId("download-done")).toHaveTextContent(`Saved to ${done.path}`);
    await user.click(screen.getByTestId("show-in-folder"));
    await waitFor(() => expect(callsOf(fake, "show_in_folder")).toEqual([{ path: done.path }]));
  });

  it("failed shows the error in the catalog's words, and Try again restarts", async () => {
    const fake = backend();
    const user = userEvent.setup();
    await navigate({ page: "recording", uuid: REC.planning });
    render(App);
    const m4a = fake.recordings.find((r) => r.uuid === REC.planning)!.files[1]!;
    await user.click(await screen.findByTestId(`download-${m4a.key}`));
    await screen.findByTestId("download-progress");
    await fake.progress(m4a.key, {
      state: "failed",
      error: { kind: "network", message: "english from rust", code: "network" },
    });
    const failed = await screen.findByTestId("download-failed");
    expect(failed).toHaveTextContent("The download failed");
    expect(failed).toHaveTextContent("Zoom could not be reached.");
    expect(failed).not.toHaveTextContent("english from rust");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(callsOf(fake, "download_recording")).toHaveLength(2));
    expect(await screen.findByTestId("download-progress")).toBeInTheDocument();
  });
});

describe("Spanish", () => {
  it("speaks the session's language: nav, This week and Settings in Spanish", async () => {
    backend({ language: "es" });
    const user = userEvent.setup();
    render(App);
    expect(await screen.findAllByTestId("week-item")).not.toHaveLength(0);
    expect(screen.getByTestId("nav-week")).toHaveTextContent("Esta semana");
    expect(screen.getByTestId("nav-create")).toHaveTextContent("Crear reunión");
    expect(screen.getByTestId("nav-settings")).toHaveTextContent("Ajustes");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Esta semana");
    expect(screen.getByText(/Tus reuniones únicas y periódicas/)).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("es");
    expect(screen.queryByText("This week")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("nav-settings"));
    expect(await screen.findByTestId("settings-save")).toHaveTextContent("Guardar ajustes");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Ajustes");
    expect(screen.getByTestId("settings-language")).toHaveValue("es");
  });

  it("switching the language in Settings saves it and switches the page at once", async () => {
    const fake = backend({ systemLanguage: "es" });
    const user = userEvent.setup();
    await navigate("settings");
    render(App);
    // Following the system, which speaks Spanish.
    const select = await screen.findByTestId("settings-language");
    await waitFor(() => expect(screen.getByTestId("settings-save")).toHaveTextContent("Guardar"));
    expect(select).toHaveValue("");
    expect(within(select).getByRole("option", { name: "Sistema (Español)" })).toBeInTheDocument();
    expect(within(select).getByRole("option", { name: "English" })).toBeInTheDocument();

    await user.selectOptions(select, "en");
    await user.click(screen.getByTestId("settings-save"));
    await waitFor(() =>
      expect(screen.getByTestId("settings-save")).toHaveTextContent("Save settings"),
    );
    expect(callsOf(fake, "save_settings")).toEqual([
      expect.objectContaining({ update: expect.objectContaining({ language: "en" }) }),
    ]);
    expect(screen.getByTestId("nav-week")).toHaveTextContent("This week");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Settings");
    expect(document.documentElement.lang).toBe("en");
    expect(screen.getByTestId("settings-language")).toHaveValue("en");
    await waitFor(() => expect(screen.getByTestId("settings-language")).toHaveFocus());

    // And back to Spanish, then to the system's.
    await user.selectOptions(screen.getByTestId("settings-language"), "es");
    await user.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(screen.getByTestId("nav-week")).toHaveTextContent("Esta semana"));
    await user.selectOptions(screen.getByTestId("settings-language"), "");
    await user.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(screen.getByTestId("settings-language")).toHaveValue(""));
    expect(screen.getByTestId("nav-week")).toHaveTextContent("Esta semana");
    expect(
      callsOf(fake, "save_settings").map((a) => (a.update as { language: string }).language),
    ).toEqual(["en", "es", ""]);
  });

  it("the fake backend refuses languages it has no catalog for, as the backend does", async () => {
    const fake = createFakeBackend();
    await expect(
      fake.handler("save_settings", { update: { language: "fr" } }),
    ).rejects.toMatchObject({
      code: "language.unknown",
      field: "language",
    });
    await expect(
      fake.handler("save_settings", { update: { language: "es" } }),
    ).resolves.toMatchObject({
      language: "es",
    });
    await expect(fake.handler("session_state")).resolves.toMatchObject({ language: "es" });
  });
});
