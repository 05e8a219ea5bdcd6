import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import App from "./App.svelte";
import type { AppInfo } from "./lib/api";
import { navigate, PAGES, resetHistory } from "./lib/router";
import { resetStatus, setSession, setSync } from "./lib/status";
import { initTheme, THEME_STORAGE_KEY } from "./lib/theme";
import { clearToasts } from "./lib/toast";
import { createFakeBackend, USER } from "./test/fakeBackend";

const INFO: AppInfo = {
  name: "Zoomdesk",
  version: "0.1.0",
  dataDir: "/home/ana/.local/share/app.zoomdesk.desktop",
  logDir: "/home/ana/.local/share/app.zoomdesk.desktop/logs",
  os: "linux",
};

const TITLES = {
  week: "This week",
  create: "Create meeting",
  "office-hours": "Office hours",
  recordings: "Recordings",
  settings: "Settings",
} as const;

beforeEach(async () => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
  delete document.documentElement.dataset.ready;
  initTheme();
  resetStatus();
  clearToasts();
  await navigate("week");
  resetHistory();
});

afterEach(() => {
  clearMocks();
});

function heading() {
  return screen.getByRole("heading", { level: 1 });
}

describe("navigation", () => {
  it("opens on This week, marked as the current page", () => {
    render(App);
    expect(screen.getByTestId("page-week")).toBeInTheDocument();
    expect(heading()).toHaveTextContent("This week");
    expect(heading()).toHaveAttribute("id", "page-title");
    expect(screen.getByTestId("nav-week")).toHaveAttribute("aria-current", "page");
  });

  it("shows each page when its nav item is clicked, and marks only that item current", async () => {
    const user = userEvent.setup();
    render(App);
    const nav = screen.getByRole("navigation", { name: "Pages" });
    for (const id of PAGES) {
      await user.click(within(nav).getByTestId(`nav-${id}`));
      expect(screen.getByTestId(`page-${id}`)).toBeInTheDocument();
      expect(heading()).toHaveTextContent(TITLES[id]);
      for (const other of PAGES) {
        const item = screen.getByTestId(`nav-${other}`);
        if (other === id) expect(item).toHaveAttribute("aria-current", "page");
        else expect(item).not.toHaveAttribute("aria-current");
      }
    }
  });

  it("switches to Office hours with Ctrl+3 and moves focus to its heading", async () => {
    const user = userEvent.setup();
    render(App);
    await user.keyboard("{Control>}3{/Control}");
    expect(screen.getByTestId("page-office-hours")).toBeInTheDocument();
    expect(screen.getByTestId("nav-office-hours")).toHaveAttribute("aria-current", "page");
    await waitFor(() => expect(heading()).toHaveFocus());
  });

  it("shows each page's shortcut in its tooltip and aria-keyshortcuts", () => {
    render(App);
    const item = screen.getByTestId("nav-recordings");
    expect(item).toHaveAttribute("title", "Recordings (Ctrl+4)");
    expect(item).toHaveAttribute("aria-keyshortcuts", "Control+4");
  });

  it("ignores digits typed without Ctrl", async () => {
    const user = userEvent.setup();
    render(App);
    await user.keyboard("3");
    expect(screen.getByTestId("page-week")).toBeInTheDocument();
  });

  it("offers a Skip to content link first, then the navigation, by Tab", async () => {
    const user = userEvent.setup();
    render(App);
    await user.tab();
    const skip = screen.getByRole("link", { name: "Skip to content" });
    expect(skip).toHaveFocus();
    await user.tab();
    expect(screen.getByTestId("nav-week")).toHaveFocus();
    await user.click(skip);
    expect(heading()).toHaveFocus();
  });
});

describe("signed out and placeholder pages", () => {
  it("outside the desktop app every Zoom page explains sign-in, which is unavailable", async () => {
    const user = userEvent.setup();
    await navigate("create");
    render(App);
    expect(screen.getByTestId("page-create")).toBeInTheDocument();
    expect(screen.getByText("Connect Zoomdesk to your Zoom account")).toBeInTheDocument();
    const signIn = screen.getByTestId("signin-button");
    expect(signIn).toHaveAttribute("aria-disabled", "true");
    await user.click(signIn);
    expect(screen.getByTestId("page-create")).toBeInTheDocument();
  });

  it("Office hours: an empty month invites to set them up, titled after the user", async () => {
    mockIPC(createFakeBackend({ empty: true }).handler, { shouldMockEvents: true });
    const user = userEvent.setup();
    await navigate("office-hours");
    render(App);
    expect(await screen.findByTestId("office-hours-empty")).toHaveTextContent(/No office hours in/);
    await user.click(screen.getByRole("button", { name: "Set up office hours" }));
    expect(await screen.findByTestId("office-hours-setup-page")).toBeInTheDocument();
    expect(screen.getByTestId("nav-office-hours")).toHaveAttribute("aria-current", "page");
    expect(await screen.findByTestId("field-topic")).toHaveValue(`Office hours: ${USER.name}`);
  });

  it("Recordings: says there are none and leads back to This week", async () => {
    mockIPC(createFakeBackend({ noRecordings: true }).handler, { shouldMockEvents: true });
    const user = userEvent.setup();
    await navigate("recordings");
    render(App);
    await user.click(await screen.findByRole("button", { name: "See this week's meetings" }));
    expect(screen.getByTestId("page-week")).toBeInTheDocument();
  });
});

describe("Settings > About", () => {
  it("shows name, version and folders from the app_info command", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "app_info") return INFO;
      return null;
    });
    const user = userEvent.setup();
    render(App);
    await user.click(screen.getByTestId("nav-settings"));
    const version = await screen.findByTestId("app-version");
    expect(version.textContent).toBe("0.1.0");
    expect(screen.getByTestId("app-data-dir")).toHaveTextContent(INFO.dataDir);
    expect(screen.getByTestId("app-log-dir")).toHaveTextContent(INFO.logDir);
    expect(screen.getByTestId("app-os")).toHaveTextContent("Linux");
    expect(calls).toContain("app_info");
  });

  it("shows a readable message when app_info fails, and Try again recovers", async () => {
    let fail = true;
    mockIPC((cmd) => {
      if (cmd !== "app_info") return null;
      if (fail) throw { kind: "storage", message: "The data folder could not be created." };
      return INFO;
    });
    const user = userEvent.setup();
    await navigate("settings");
    render(App);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn't load app details");
    expect(alert).toHaveTextContent("The data folder could not be created.");
    // The rest of the app still works.
    expect(screen.getByTestId("theme-choice")).toBeInTheDocument();
    fail = false;
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect((await screen.findByTestId("app-version")).textContent).toBe("0.1.0");
  });

  it("explains, instead of crashing, when there is no desktop backend", async () => {
    await navigate("settings");
    render(App);
    expect(await screen.findByTestId("about-unavailable")).toHaveTextContent(
      "Running outside the desktop app",
    );
    expect(screen.queryByTestId("app-version")).not.toBeInTheDocument();
  });
});

describe("Settings > Theme", () => {
  it("defaults to System, with no data-theme on <html>", async () => {
    await navigate("settings");
    render(App);
    expect(screen.getByRole("radio", { name: "System" })).toBeChecked();
    expect(document.documentElement).not.toHaveAttribute("data-theme");
  });

  it("sets data-theme, remembers the choice across restarts, and System clears it", async () => {
    const user = userEvent.setup();
    await navigate("settings");
    const first = render(App);
    await user.click(screen.getByRole("radio", { name: "Dark" }));
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("dark");
    first.unmount();

    // A new start: the saved choice is applied before the UI mounts.
    delete document.documentElement.dataset.theme;
    initTheme();
    expect(document.documentElement.dataset.theme).toBe("dark");
    render(App);
    expect(screen.getByRole("radio", { name: "Dark" })).toBeChecked();

    await user.click(screen.getByRole("radio", { name: "Light" }));
    expect(document.documentElement.dataset.theme).toBe("light");
    await user.click(screen.getByRole("radio", { name: "System" }));
    expect(document.documentElement).not.toHaveAttribute("data-theme");
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });
});

describe("status area", () => {
  it("says not signed in and not synced yet at first", () => {
    render(App);
    const status = screen.getByRole("status", { name: "Account and sync status" });
    expect(status).toHaveTextContent("Not signed in");
    expect(status).toHaveTextContent("Not synced yet");
  });

  it("follows the status store: signed-in name, email and cache age", async () => {
    render(App);
    setSession({
      signedIn: true,
      user: USER,
      clientIdConfigured: true,
      managed: false,
      simulator: false,
      apiBase: "https://api.zoom.us/v2",
      vault: "the system keychain",
      notices: [],
      language: "en",
    });
    setSync({ kind: "synced", at: Date.now() - 5 * 60_000 });
    await waitFor(() => expect(screen.getByTestId("status-user")).toHaveTextContent("Ana García"));
    expect(screen.getByTestId("status-user")).toHaveTextContent("ana.garcia@example.com");
    expect(screen.getByTestId("status-sync")).toHaveTextContent("Synced 5 minutes ago");
    expect(screen.queryByTestId("simulator-badge")).not.toBeInTheDocument();
    setSync({ kind: "offline", at: Date.now() - 2 * 3_600_000 });
    await waitFor(() =>
      expect(screen.getByTestId("status-sync")).toHaveTextContent(
        "Offline · data from 2 hours ago",
      ),
    );
  });
});

describe("first paint mark", () => {
  it("sets data-ready on <html> and tells the backend ui_ready", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return cmd === "app_info" ? INFO : null;
    });
    render(App);
    await waitFor(() => expect(document.documentElement.dataset.ready).toBe("true"));
    await waitFor(() => expect(calls).toContain("ui_ready"));
  });

  it("still marks ready outside Tauri", async () => {
    render(App);
    await waitFor(() => expect(document.documentElement.dataset.ready).toBe("true"));
  });
});
