/**
 * Arrow keys in long lists (This week's rows, the recordings table): Up/Down move between the
 * rows' links, Home/End to the first/last, so Tab does not have to walk a thousand rows.
 */

/** Where a key moves from `index` among `count` rows; -1 when the key is not one of these. */
export function nextIndex(key: string, index: number, count: number): number {
  switch (key) {
    case "ArrowDown":
      return Math.min(count - 1, index + 1);
    case "ArrowUp":
      return Math.max(0, index - 1);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return -1;
  }
}

/** Moves the focus among `rows` when one of them has it and the key is one of the above. */
export function moveFocus(event: KeyboardEvent, rows: readonly HTMLElement[]): void {
  const index = rows.indexOf(document.activeElement as HTMLElement);
  if (index < 0) return;
  const next = nextIndex(event.key, index, rows.length);
  if (next < 0) return;
  event.preventDefault();
  rows[next]?.focus();
}
