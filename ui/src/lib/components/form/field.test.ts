import { describe, expect, it } from "vitest";
import { describedBy, errorId, formIds, invalid, withError, withoutError } from "./field";

describe("field wiring", () => {
  it("names the help, then the error, and nothing when there is neither", () => {
    expect(describedBy("mf-a-passcode-help", errorId("passcode"))).toBe(
      "mf-a-passcode-help error-passcode",
    );
    expect(describedBy(false, errorId("topic"))).toBe("error-topic");
    expect(describedBy(undefined, null, "")).toBeUndefined();
  });

  it("marks a control invalid only while it has an error", () => {
    expect(invalid("Pick a date.")).toBe("true");
    expect(invalid("")).toBeUndefined();
    expect(invalid(undefined)).toBeUndefined();
  });

  it("sets and clears one error, leaving the others", () => {
    const errors = { topic: "Give the meeting a title." };
    expect(withError(errors, "alternativeHosts", "“x” is not an email address.")).toEqual({
      topic: "Give the meeting a title.",
      alternativeHosts: "“x” is not an email address.",
    });
    expect(withError({ ...errors, alternativeHosts: "bad" }, "alternativeHosts", null)).toEqual(
      errors,
    );
    expect(withoutError(errors, "date")).toEqual(errors);
    expect(withoutError(errors, "date")).not.toBe(errors);
  });

  it("gives each form its own ids", () => {
    const a = formIds("mf");
    const b = formIds("mf");
    expect(a.field("topic")).toBe(`mf-${a.uid}-topic`);
    expect(a.field("topic")).not.toBe(b.field("topic"));
  });
});
