// Runs before the app's script has loaded: asks the backend for this week's meetings (from
// the cache, no network) at once, so the answer is there when the week page mounts instead
// of one round trip later. The week page takes it (src/lib/api.ts `week`); outside the app
// (a browser, the tests) there is no backend and this does nothing.
(function () {
  var ipc = window.__TAURI_INTERNALS__;
  var search = new URLSearchParams(location.search);
  var page = search.get("page");
  if (!ipc || typeof ipc.invoke !== "function" || (page && page !== "week")) return;
  var week = ipc.invoke("week", { search: null });
  // Unused (another page opened first) it must not report an unhandled rejection.
  week.catch(function () {});
  window.__ZOOMDESK_WEEK__ = week;
})();
