/** The meeting form's parts in another form (see `src/test/FormPartsHarness.svelte`). */
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import FormPartsHarness from "../../../test/FormPartsHarness.svelte";

describe("form parts in another form", () => {
  it("wire label, help and error to the control", () => {
    render(FormPartsHarness, { errors: { date: "Pick a day." }, onsubmit: () => {} });
    const date = screen.getByLabelText("First day");
    expect(date).toHaveAttribute("data-testid", "oh-date");
    expect(date).toHaveAttribute("aria-invalid", "true");
    expect(date).toHaveAccessibleDescription("Office hours start on this day. Pick a day.");
    expect(screen.getByTestId("error-date")).toHaveTextContent("Pick a day.");
    // The recurrence and hosts fields carry this form's ids, not the meeting form's.
    expect(screen.getByLabelText("Repeat").id).toMatch(/^oh-\w+-repeat$/);
    expect(screen.getByLabelText("Alternative hosts").id).toMatch(/^oh-\w+-hosts$/);
  });

  it("edit the form's own state: the weekday follows the first day until picked", async () => {
    const user = userEvent.setup();
    const onsubmit = vi.fn();
    render(FormPartsHarness, { onsubmit });
    const date = screen.getByTestId("oh-date");
    await user.clear(date);
    await user.type(date, "2026-11-25");
    expect(screen.getByTestId("field-day-3")).toBeChecked();
    expect(screen.getByTestId("field-day-1")).not.toBeChecked();
    await user.click(screen.getByTestId("field-day-5"));
    await user.clear(screen.getByTestId("field-end-count"));
    await user.type(screen.getByTestId("field-end-count"), "4");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onsubmit).toHaveBeenCalledWith({
      slot: expect.objectContaining({
        date: "2026-11-25",
        repeat: "weekly",
        days: [3, 5],
        endCount: 4,
      }),
      hosts: [],
    });
  });

  it("take the hosts typed, and report an address that is not one", async () => {
    const user = userEvent.setup();
    const onsubmit = vi.fn();
    render(FormPartsHarness, { onsubmit });
    const box = screen.getByTestId("field-alt-hosts");
    await user.type(box, "lee@example.com,");
    expect(screen.getByText("lee@example.com")).toBeInTheDocument();
    await user.type(box, "nope");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onsubmit).not.toHaveBeenCalled();
    expect(screen.getByTestId("error-alternativeHosts")).toHaveTextContent(
      "“nope” is not an email address.",
    );
    expect(box).toHaveAttribute("aria-invalid", "true");
    await user.clear(box);
    await user.click(screen.getByRole("button", { name: "Remove lee@example.com" }));
    await user.type(box, "ana@x.org");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onsubmit).toHaveBeenCalledWith(expect.objectContaining({ hosts: ["ana@x.org"] }));
    expect(screen.queryByTestId("error-alternativeHosts")).not.toBeInTheDocument();
  });
});
