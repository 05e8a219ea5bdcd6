/** Short confirmations ("Invitation copied") shown at the bottom of the window for a moment. */
import { readonly, writable } from "svelte/store";

export interface Toast {
  id: number;
  text: string;
  tone: "info" | "error";
}

const current = writable<Toast[]>([]);
export const toasts = readonly(current);

let next = 1;

/** Shows `text` for `ms` milliseconds. */
export function toast(text: string, tone: Toast["tone"] = "info", ms = 4000): void {
  const id = next++;
  current.update((list) => [...list.slice(-2), { id, text, tone }]);
  setTimeout(() => dismiss(id), ms);
}

export function dismiss(id: number): void {
  current.update((list) => list.filter((t) => t.id !== id));
}

export function clearToasts(): void {
  current.set([]);
}
