import { describe, expect, it } from "vitest";
import { routeOf } from "./backendEvents";
import type { Destination } from "./bindings/Destination";

describe("routeOf", () => {
  it("maps each destination to its page", () => {
    expect(routeOf({ page: "reminder", id: "1", occurrenceId: "" })).toEqual({
      page: "reminder",
      id: "1",
      occurrenceId: "",
    });
    expect(routeOf({ page: "reminder", id: "1", occurrenceId: "22" })).toEqual({
      page: "reminder",
      id: "1",
      occurrenceId: "22",
    });
    expect(routeOf({ page: "meeting", id: "1" })).toEqual({ page: "meeting", id: "1" });
    expect(routeOf({ page: "meeting", id: "1", occurrenceId: "" })).toEqual({
      page: "meeting",
      id: "1",
    });
    expect(routeOf({ page: "meeting", id: "1", occurrenceId: "22" })).toEqual({
      page: "meeting",
      id: "1",
      occurrenceId: "22",
    });
    expect(routeOf({ page: "recording", uuid: "abc/+d==" })).toEqual({
      page: "recording",
      uuid: "abc/+d==",
    });
  });

  it("ignores payloads it cannot open", () => {
    const odd = (v: unknown) => routeOf(v as Destination);
    expect(odd(null)).toBeNull();
    expect(odd("reminder")).toBeNull();
    expect(odd({ page: "settings" })).toBeNull();
    expect(odd({ page: "meeting", id: "" })).toBeNull();
    expect(odd({ page: "reminder", id: 5, occurrenceId: "" })).toBeNull();
    expect(odd({ page: "recording", uuid: "" })).toBeNull();
    expect(odd({ page: "recording", id: "1" })).toBeNull();
  });
});
