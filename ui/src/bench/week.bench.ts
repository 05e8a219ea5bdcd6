/**
 * `npm run bench:week`: This week with 1,000 meetings, in jsdom.
 *
 * - first render: mounting the page until its first rows are in the DOM (the backend answers at
 *   once; longer lists then fill in over the next frames, measured as "all rows");
 * - keystroke: typing one character in the search box (the input handler and Svelte's update;
 *   the filtering itself is debounced);
 * - search update: from the debounced filtering of the loaded rows to the list re-rendered.
 *
 * Prints the medians of several runs. jsdom is slower than a webview's DOM, so these are
 * upper bounds; the budgets are 100 ms for the first render and 16 ms for a keystroke.
 */
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterAll, describe, expect, it } from "vitest";
import WeekPage from "../lib/pages/WeekPage.svelte";
import { setSession } from "../lib/status";
import { SEARCH_DELAY } from "../lib/week";
import { createFakeBackend, USER } from "../test/fakeBackend";

const RUNS = 7;
const MEETINGS = 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function until(check: () => boolean, limitMs = 5000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > limitMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 0));
  }
}

const results: Record<string, number[]> = { first: [], all: [], keystroke: [], update: [] };

/** When the page's search debounce last fired: the search runs in the page, not the backend. */
let searchedAt = 0;
const realSetTimeout = globalThis.setTimeout;
function timeSearches() {
  globalThis.setTimeout = ((handler: () => void, ms?: number) =>
    realSetTimeout(() => {
      if (ms === SEARCH_DELAY) searchedAt = performance.now();
      handler();
    }, ms)) as unknown as typeof setTimeout;
}

describe(`This week with ${MEETINGS} meetings`, () => {
  it("renders, and updates on search", async () => {
    for (let run = 0; run < RUNS; run++) {
      const fake = createFakeBackend({ bulk: MEETINGS, zone: "UTC" });
      mockIPC(fake.handler);
      setSession({
        signedIn: true,
        user: USER,
        clientIdConfigured: true,
        managed: false,
        simulator: false,
        apiBase: "https://api.zoom.us/v2",
        vault: "keychain",
        notices: [],
        language: "en",
      });

      const t0 = performance.now();
      const { container } = render(WeekPage);
      const rows = () => container.querySelectorAll('[data-testid="week-item"]').length;
      await until(() => rows() > 0);
      results.first!.push(performance.now() - t0);
      await until(() => rows() > MEETINGS);
      results.all!.push(performance.now() - t0);
      const all = rows();

      const box = container.querySelector<HTMLInputElement>('[data-testid="week-search"]')!;
      const k0 = performance.now();
      box.value = "b";
      await fireEvent.input(box);
      flushSync();
      results.keystroke!.push(performance.now() - k0);

      timeSearches();
      box.value = "budget";
      await fireEvent.input(box);
      await until(() => rows() > 0 && rows() < all);
      globalThis.setTimeout = realSetTimeout;
      results.update!.push(performance.now() - searchedAt);
      expect(rows()).toBeLessThan(all);

      cleanup();
      clearMocks();
    }
  }, 60_000);
});

afterAll(() => {
  const line = (label: string, values: number[], budget?: number) => {
    const m = median(values);
    const verdict =
      budget === undefined
        ? ""
        : m <= budget
          ? `  (budget ${budget} ms: ok)`
          : `  (budget ${budget} ms: OVER)`;
    return `  ${label.padEnd(34)} median ${m.toFixed(1).padStart(6)} ms   min ${Math.min(...values).toFixed(1)}   max ${Math.max(...values).toFixed(1)}${verdict}`;
  };
  console.log(
    [
      `\nbench:week — This week with ${MEETINGS} meetings, jsdom, ${RUNS} runs`,
      line("first render (mount → rows shown)", results.first!, 100),
      line("all 1,003 rows in the DOM", results.all!),
      line("search keystroke (input → DOM)", results.keystroke!, 16),
      line("search update (filter → new list)", results.update!, 16),
      "",
    ].join("\n"),
  );
});
