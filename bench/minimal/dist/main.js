// Reports the first paint the way Zoomdesk does (ui/src/lib/api.ts `uiReady`): two frames
// after the script runs the page is on screen, then the `ui_ready` command prints
// `ZOOMDESK_READY <ms>` (scripts/bench.sh). The marks are ms since the epoch, as Zoomdesk's.
const origin = performance.timeOrigin;
const marks = { navigation: origin, script: origin + performance.now() };
const [nav] = performance.getEntriesByType("navigation");
if (nav && nav.responseEnd) marks.html = origin + nav.responseEnd;
requestAnimationFrame(() =>
  requestAnimationFrame(() => {
    marks.paint = origin + performance.now();
    window.__TAURI_INTERNALS__.invoke("ui_ready", { marks });
  }),
);
