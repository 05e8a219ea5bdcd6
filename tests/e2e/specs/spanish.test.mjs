// On a desktop set to Spanish (LANG=es_ES.UTF-8) the window, the tray and its tooltip speak
// Spanish without any setting: the backend reads the system's language and the UI follows it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { openApp, screenshot, tray } from "../app.mjs";

const here = dirname(fileURLToPath(import.meta.url));
let browser;

before(async () => {
  browser = await openApp({ application: join(here, "..", "spanish-app.sh") });
});
after(async () => {
  await browser?.deleteSession();
});

test("a Spanish desktop gets the window and the tray in Spanish", async () => {
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === "es", {
    timeout: 15000,
    timeoutMsg: "the page never switched to Spanish",
  });
  const nav = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid^="nav-"]')].map((el) => el.textContent?.trim() ?? ""),
  );
  for (const label of ["Esta semana", "Crear reunión", "Horario de atención", "Grabaciones", "Ajustes"]) {
    assert.ok(nav.some((n) => n.includes(label)), `the navigation says ${label}: ${JSON.stringify(nav)}`);
  }
  await screenshot(browser, "es-first-page");

  let seen = { menu: [] };
  await browser.waitUntil(
    async () => {
      seen = await tray();
      return seen.menu.some((m) => m.label === "Abrir Zoomdesk");
    },
    { timeout: 15000, interval: 300, timeoutMsg: `the tray menu is not in Spanish: ${JSON.stringify(seen)}` },
  );
  const labels = seen.menu.map((m) => m.label);
  for (const word of ["Abrir Zoomdesk", "Sincronizar ahora", "Salir de Zoomdesk"]) {
    assert.ok(labels.includes(word), `the tray menu has ${word}: ${JSON.stringify(labels)}`);
  }
  assert.ok(!labels.includes("Open Zoomdesk"), "and no English");
});
