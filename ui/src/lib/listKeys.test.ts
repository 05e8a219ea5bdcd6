import { afterEach, describe, expect, it } from "vitest";
import { moveFocus, nextIndex } from "./listKeys";

describe("nextIndex", () => {
  it("moves one row, stopping at either end", () => {
    expect(nextIndex("ArrowDown", 0, 3)).toBe(1);
    expect(nextIndex("ArrowDown", 2, 3)).toBe(2);
    expect(nextIndex("ArrowUp", 1, 3)).toBe(0);
    expect(nextIndex("ArrowUp", 0, 3)).toBe(0);
  });

  it("jumps to the first and last rows, and ignores other keys", () => {
    expect(nextIndex("Home", 2, 3)).toBe(0);
    expect(nextIndex("End", 0, 3)).toBe(2);
    expect(nextIndex("Enter", 1, 3)).toBe(-1);
  });
});

describe("moveFocus", () => {
  afterEach(() => document.body.replaceChildren());

  function rows(n: number): HTMLElement[] {
    return Array.from({ length: n }, (_, i) => {
      const a = document.createElement("a");
      a.href = `#${i}`;
      document.body.append(a);
      return a;
    });
  }

  it("moves the focus between rows and keeps the key from scrolling the page", () => {
    const list = rows(3);
    list[0]!.focus();
    const down = new KeyboardEvent("keydown", { key: "ArrowDown", cancelable: true });
    moveFocus(down, list);
    expect(document.activeElement).toBe(list[1]);
    expect(down.defaultPrevented).toBe(true);
  });

  it("does nothing when no row has the focus, or for other keys", () => {
    const list = rows(2);
    const down = new KeyboardEvent("keydown", { key: "ArrowDown", cancelable: true });
    moveFocus(down, list);
    expect(down.defaultPrevented).toBe(false);
    list[0]!.focus();
    const tab = new KeyboardEvent("keydown", { key: "Tab", cancelable: true });
    moveFocus(tab, list);
    expect(document.activeElement).toBe(list[0]);
    expect(tab.defaultPrevented).toBe(false);
  });
});
