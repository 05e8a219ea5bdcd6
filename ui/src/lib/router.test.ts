import { get } from "svelte/store";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PAGE,
  hrefFor,
  navigate,
  page,
  pageFromSearch,
  route,
  routeFromSearch,
  searchFor,
  sectionOf,
} from "./router";
import { pageForKey, pageShortcut } from "./shortcuts";

describe("router", () => {
  it("reads the initial page from ?page=, else This week", () => {
    expect(pageFromSearch("?page=settings")).toBe("settings");
    expect(pageFromSearch("?page=office-hours")).toBe("office-hours");
    expect(pageFromSearch("?page=nope")).toBe(DEFAULT_PAGE);
    expect(pageFromSearch("")).toBe("week");
  });

  it("navigates and keeps ?page= in sync for reloads", async () => {
    await navigate("recordings");
    expect(get(page)).toBe("recordings");
    expect(new URLSearchParams(location.search).get("page")).toBe("recordings");
    expect(hrefFor("create")).toBe("?page=create");
  });

  it("round-trips a recording's details through the query string", async () => {
    const uuid = "pl4nN1ng/Qx+2Ab==";
    const search = searchFor({ page: "recording", uuid });
    expect(new URLSearchParams(search).get("uuid")).toBe(uuid);
    expect(routeFromSearch(search)).toEqual({ page: "recording", uuid });
    expect(sectionOf({ page: "recording", uuid })).toBe("recordings");
    // Without a uuid there is nothing to show: the default page.
    expect(routeFromSearch("?page=recording")).toEqual({ page: DEFAULT_PAGE });
    await navigate({ page: "recording", uuid });
    expect(get(route)).toEqual({ page: "recording", uuid });
    expect(routeFromSearch(location.search)).toEqual({ page: "recording", uuid });
  });
});

function key(init: KeyboardEventInit) {
  return new KeyboardEvent("keydown", init);
}

describe("page shortcuts", () => {
  it("maps Ctrl+1..5 to the pages in nav order", () => {
    expect(pageForKey(key({ key: "1", code: "Digit1", ctrlKey: true }), false)).toBe("week");
    expect(pageForKey(key({ key: "3", code: "Digit3", ctrlKey: true }), false)).toBe(
      "office-hours",
    );
    expect(pageForKey(key({ key: "5", code: "Numpad5", ctrlKey: true }), false)).toBe("settings");
  });

  it("uses Cmd on macOS, and works on layouts where digits need Shift", () => {
    expect(pageForKey(key({ key: "2", code: "Digit2", metaKey: true }), true)).toBe("create");
    expect(pageForKey(key({ key: "2", code: "Digit2", ctrlKey: true }), true)).toBeNull();
    expect(pageForKey(key({ key: "&", code: "Digit1", ctrlKey: true }), false)).toBe("week");
  });

  it("ignores other combinations", () => {
    expect(pageForKey(key({ key: "6", code: "Digit6", ctrlKey: true }), false)).toBeNull();
    expect(pageForKey(key({ key: "1", code: "Digit1" }), false)).toBeNull();
    expect(
      pageForKey(key({ key: "1", code: "Digit1", ctrlKey: true, shiftKey: true }), false),
    ).toBeNull();
    expect(pageForKey(key({ key: "k", code: "KeyK", ctrlKey: true }), false)).toBeNull();
  });

  it("labels shortcuts per platform", () => {
    expect(pageShortcut("recordings", false)).toEqual({ aria: "Control+4", label: "Ctrl+4" });
    expect(pageShortcut("recordings", true)).toEqual({ aria: "Meta+4", label: "⌘4" });
  });
});

describe("routes with parameters", () => {
  it("round-trips through the query string", async () => {
    const { routeFromSearch, searchFor } = await import("./router");
    const r = { page: "meeting" as const, id: "85012345678", occurrenceId: "1764662400000" };
    expect(searchFor(r)).toBe("?page=meeting&id=85012345678&occurrence=1764662400000");
    expect(routeFromSearch(searchFor(r))).toEqual(r);
    expect(routeFromSearch("?page=created&id=7")).toEqual({ page: "created", id: "7" });
    expect(routeFromSearch("?page=meeting")).toEqual({ page: "week" });
  });

  it("round-trips a reminder, with or without an occurrence, under This week", async () => {
    const { routeFromSearch, searchFor, sectionOf } = await import("./router");
    const recurring = { page: "reminder" as const, id: "86098765432", occurrenceId: "1764662400" };
    expect(searchFor(recurring)).toBe("?page=reminder&id=86098765432&occurrence=1764662400");
    expect(routeFromSearch(searchFor(recurring))).toEqual(recurring);
    const oneTime = { page: "reminder" as const, id: "85012345678", occurrenceId: "" };
    expect(searchFor(oneTime)).toBe("?page=reminder&id=85012345678");
    expect(routeFromSearch(searchFor(oneTime))).toEqual(oneTime);
    expect(routeFromSearch("?page=reminder&id=85012345678&occurrence=")).toEqual(oneTime);
    expect(routeFromSearch("?page=reminder&occurrence=1")).toEqual({ page: "week" });
    expect(sectionOf(oneTime)).toBe("week");
  });

  it("round-trips the office-hours pages, lit under Office hours", async () => {
    const { mountKey, routeFromSearch, searchFor, sectionOf } = await import("./router");
    const setup = { page: "office-hours-setup" as const };
    expect(searchFor(setup)).toBe("?page=office-hours-setup");
    expect(routeFromSearch(searchFor(setup))).toEqual(setup);
    expect(sectionOf(setup)).toBe("office-hours");
    const month = { page: "office-hours" as const, month: "2027-03" };
    expect(searchFor(month)).toBe("?page=office-hours&month=2027-03");
    expect(routeFromSearch(searchFor(month))).toEqual(month);
    expect(routeFromSearch("?page=office-hours&month=March")).toEqual({ page: "office-hours" });
    // Paging through months changes the address, not the page.
    expect(mountKey(month)).toBe(mountKey({ page: "office-hours" }));
    expect(mountKey({ page: "meeting", id: "1" })).not.toBe(mountKey({ page: "meeting", id: "2" }));
  });

  it("keeps where a meeting's pages were opened from", async () => {
    const { routeFromSearch, searchFor, sectionOf } = await import("./router");
    const modify = {
      page: "modify" as const,
      id: "84077788899",
      occurrenceId: "1796288400000",
      from: "office-hours" as const,
    };
    expect(searchFor(modify)).toBe(
      "?page=modify&id=84077788899&occurrence=1796288400000&from=office-hours",
    );
    expect(routeFromSearch(searchFor(modify))).toEqual(modify);
    expect(sectionOf(modify)).toBe("office-hours");
    const created = { page: "created" as const, id: "7", from: "office-hours" as const };
    expect(routeFromSearch(searchFor(created))).toEqual(created);
    expect(sectionOf(created)).toBe("office-hours");
    expect(sectionOf({ page: "created", id: "7" })).toBe("create");
    expect(sectionOf({ page: "invitation", id: "7", from: "office-hours" })).toBe("office-hours");
    expect(sectionOf({ page: "meeting", id: "7" })).toBe("week");
    // Only known places: anything else is dropped.
    expect(routeFromSearch("?page=meeting&id=7&from=elsewhere")).toEqual({
      page: "meeting",
      id: "7",
    });
  });

  it("goes back along the app's own history", async () => {
    const { back, navigate, resetHistory, route } = await import("./router");
    await navigate("week");
    resetHistory();
    await navigate({ page: "meeting", id: "1" });
    await navigate({ page: "modify", id: "1" });
    expect(await back({})).toBe(true);
    expect(get(route)).toEqual({ page: "meeting", id: "1" });
    expect(await back({})).toBe(true);
    expect(get(route)).toEqual({ page: "week" });
    expect(await back({})).toBe(false);
  });
});
