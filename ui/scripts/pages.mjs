#!/usr/bin/env node
/**
 * Browser page tests: serves the built `dist/` (vite preview), injects a mocked Tauri IPC with
 * realistic data, visits every page in light and dark, narrow (the minimum window, 720x480) and
 * zoom200 (the default 1100x720 window at 200% zoom: a 550x360 CSS viewport at device scale 2)
 * and zoom200-min (the minimum window at 200%: 360x240), and in Spanish (es: light, es-zoom200:
 * 200% zoom; Spanish runs 20-30% longer than English)
 * with Debian's Chromium, runs axe on each and saves a screenshot to test-results/pages/.
 * Fails on any axe violation, page error, horizontal overflow of the page, or clipped text
 * (a button's or label's words cut off by its box).
 * Build first: `npm run build`.
 *
 *   npm run test:pages                 all pages
 *   npm run test:pages -- week create  only the scenarios whose name contains one of these
 *   npm run test:pages -- --variant=zoom200 week   only that variant (repeatable)
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { chromium } from "playwright-core";
import { preview } from "vite";
import { CHROMIUM_ARGS as ARGS, mockScript } from "./mock-bundle.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "test-results", "pages");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

if (!existsSync(join(root, "dist", "index.html"))) {
  console.error("dist/ is missing: run `npm run build` first.");
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`No Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM).`);
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const SIGNED_OUT = { signedIn: false };

/** name, query, fake backend options, and what to do before the check. */
const SCENARIOS = [
  { name: "welcome", query: "?page=week", fake: SIGNED_OUT, wait: "signin-button" },
  {
    name: "welcome-pending",
    query: "?page=week",
    fake: { signedIn: false, signInWaits: true },
    wait: "signin-button",
    act: async (page) => {
      await page.getByTestId("signin-button").click();
      await page.getByTestId("signin-cancel").waitFor();
    },
  },
  { name: "week", query: "?page=week", wait: "week-item" },
  {
    // Keyboard focus in the sidebar; in the icon rail (below 760px) it shows the label.
    name: "week-nav-focus",
    query: "?page=week",
    wait: "week-item",
    act: async (page, say) => {
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press("Tab");
        const id = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
        if (id === "nav-create") break;
      }
      await page.getByTestId("nav-create").and(page.locator(":focus")).waitFor();
      if ((page.viewportSize()?.width ?? 0) <= 760) {
        await page
          .locator(".rail-tip", { hasText: say("Create meeting", "Crear reunión") })
          .waitFor();
      }
    },
  },
  { name: "week-empty", query: "?page=week", fake: { empty: true }, wait: "week-empty" },
  {
    name: "week-no-results",
    query: "?page=week",
    wait: "week-item",
    act: async (page) => {
      await page.getByTestId("week-search").fill("zzz");
      await page.getByTestId("week-no-results").waitFor();
    },
  },
  {
    name: "week-offline",
    query: "?page=week",
    wait: "week-item",
    act: async (page) => {
      const syncedAt = new Date(Date.now() - 42 * 60_000).toISOString();
      await page.evaluate(
        (s) =>
          window.__zdEmit("zoomdesk://sync", {
            state: "offline",
            syncedAt: s,
            message: "No network",
          }),
        syncedAt,
      );
      await page.getByTestId("offline-banner").waitFor();
    },
  },
  { name: "meeting-one-time", query: "?page=meeting&id=85012345678", wait: "meeting-id" },
  { name: "meeting-hostile", query: "?page=meeting&id=87011112222", wait: "meeting-id" },
  {
    name: "meeting-recurring",
    query: "?page=meeting&id=86098765432",
    wait: "occurrence-row",
  },
  {
    name: "meeting-delete-dialog",
    query: "?page=meeting&id=86098765432",
    wait: "occurrence-row",
    act: async (page) => {
      await page.getByTestId("btn-delete").click();
      await page.getByTestId("delete-confirm").waitFor();
    },
  },
  { name: "create", query: "?page=create", wait: "field-topic" },
  {
    name: "create-weekly-preview",
    query: "?page=create",
    wait: "field-topic",
    act: async (page) => {
      await page.getByTestId("field-topic").fill("Planning overlap check");
      await page.getByTestId("field-repeat").selectOption("weekly");
      await page.getByTestId("field-alt-hosts").fill("lee@example.com,");
      await page.getByTestId("overlap-warning").waitFor();
    },
  },
  {
    name: "create-error",
    query: "?page=create",
    wait: "field-topic",
    act: async (page) => {
      await page.getByTestId("field-topic").fill("Budget");
      await page.getByTestId("field-passcode").fill("bad pass");
      await page.getByTestId("btn-save").click();
      await page.getByTestId("error-passcode").waitFor();
    },
  },
  { name: "created-one-time", query: "?page=created&id=85012345678", wait: "created-one-time" },
  { name: "created-recurring", query: "?page=created&id=86098765432", wait: "created-recurring" },
  { name: "invitation", query: "?page=invitation&id=85012345678", wait: "btn-add-calendar" },
  {
    name: "modify-occurrence",
    query: "?page=modify&id=86098765432&occurrence=1764748800000",
    wait: "scope-occurrence",
  },
  { name: "modify-series", query: "?page=modify&id=86098765432", wait: "scope-series" },
  { name: "modify-one-time", query: "?page=modify&id=85012345678", wait: "field-topic" },
  { name: "reminder-one-time", query: "?page=reminder&id=85012345678", wait: "reminder-topic" },
  {
    name: "reminder-recurring",
    query: "?page=reminder&id=86098765432&occurrence=1764748800000",
    wait: "reminder-occurrence",
  },
  { name: "reminder-hostile", query: "?page=reminder&id=87011112222", wait: "reminder-topic" },
  { name: "reminder-gone", query: "?page=reminder&id=80000000000", wait: "reminder-gone" },
  {
    // A notification click (zoomdesk://navigate) while This week is open, then a notice.
    name: "reminder-from-event",
    query: "?page=week",
    wait: "week-item",
    act: async (page) => {
      await page.evaluate(() =>
        window.__zdEmit("zoomdesk://navigate", {
          page: "reminder",
          id: "86098765432",
          occurrenceId: "1764662400000",
        }),
      );
      await page.getByTestId("reminder-occurrence").waitFor();
      await page.evaluate(() =>
        window.__zdEmit("zoomdesk://notice", {
          key: "notice.linkInvalid",
          params: {},
          text: "That zoomdesk:// link is not one Zoomdesk can open, so nothing was done.",
        }),
      );
      await page.getByTestId("toast").waitFor();
    },
  },
  { name: "settings", query: "?page=settings", wait: "settings-save" },
  {
    name: "settings-no-tray",
    query: "?page=settings",
    fake: { trayAvailable: false, reminderLeadMinutes: 45 },
    wait: "settings-save",
  },
  { name: "office-hours", query: "?page=office-hours", wait: "office-hours-row" },
  {
    // The fake's data from three weeks ago: the month's first rows have ended (dimmed).
    name: "office-hours-past",
    query: "?page=office-hours",
    fake: { now: Date.now() - 21 * 86_400_000 },
    wait: "office-hours-row",
  },
  {
    name: "office-hours-empty",
    query: "?page=office-hours",
    fake: { empty: true },
    wait: "office-hours-empty",
  },
  {
    // Two months on there are none, but a drop-in later: the empty state says when.
    name: "office-hours-later",
    query: "?page=office-hours",
    wait: "office-hours-row",
    act: async (page) => {
      await page.getByTestId("office-hours-next").click();
      await page.getByTestId("office-hours-today").waitFor();
      await page.getByTestId("office-hours-next").click();
      await page.getByTestId("office-hours-later").waitFor();
    },
  },
  { name: "office-hours-setup", query: "?page=office-hours-setup", wait: "field-topic" },
  {
    name: "created-office-hours",
    query: "?page=created&id=84077788899&from=office-hours",
    wait: "created-recurring",
  },
  {
    name: "meeting-office-hours",
    query: "?page=meeting&id=84077788899&from=office-hours",
    wait: "occurrence-row",
  },
  { name: "recordings", query: "?page=recordings", wait: "recording-row" },
  {
    name: "recordings-empty",
    query: "?page=recordings",
    fake: { noRecordings: true },
    wait: "recordings-empty",
  },
  {
    name: "recordings-no-results",
    query: "?page=recordings",
    wait: "recording-row",
    act: async (page) => {
      await page.getByTestId("recordings-search").fill("zzz");
      await page.getByTestId("recordings-no-results").waitFor();
    },
  },
  {
    name: "recording-details",
    query: `?page=recording&uuid=${encodeURIComponent("pl4nN1ng/Qx+2Ab==")}`,
    wait: "recording-file",
  },
  {
    name: "recording-hostile",
    query: `?page=recording&uuid=${encodeURIComponent("h0st1leZz00aa==")}`,
    wait: "recording-file",
  },
  {
    name: "recording-processing",
    query: `?page=recording&uuid=${encodeURIComponent("pr0c3ss1ngWq8e==")}`,
    wait: "recording-processing",
  },
  {
    name: "recording-gone",
    query: "?page=recording&uuid=nope",
    wait: "recording-gone",
  },
  {
    name: "recording-download",
    query: `?page=recording&uuid=${encodeURIComponent("pl4nN1ng/Qx+2Ab==")}`,
    wait: "recording-file",
    act: async (page, say) => {
      await page.getByTestId("download-pl4nN1-f1").click();
      await page.getByTestId("download-progress").getByText("MB/s").waitFor();
      await page.getByTestId("download-pl4nN1-f4").click();
      await page.getByTestId("download-progress").nth(1).getByText(say("left", "quedan")).waitFor();
    },
  },
  {
    // The fake's media is undecodable: the player explains it instead of a black box.
    name: "recording-player-error",
    query: `?page=recording&uuid=${encodeURIComponent("pl4nN1ng/Qx+2Ab==")}`,
    wait: "play-recording",
    act: async (page) => {
      await page.getByTestId("play-recording").click();
      await page.getByTestId("player-error").waitFor();
    },
  },
  {
    // A notification about a new recording opens its page.
    name: "recording-from-event",
    query: "?page=recordings",
    wait: "recording-row",
    act: async (page) => {
      await page.evaluate(() =>
        window.__zdEmit("zoomdesk://navigate", { page: "recording", uuid: "p0dC4st7Yz9kLm==" }),
      );
      await page.getByTestId("recording-topic").waitFor();
    },
  },
];

const VARIANTS = [
  { id: "light", colorScheme: "light", viewport: { width: 1100, height: 720 } },
  { id: "dark", colorScheme: "dark", viewport: { width: 1100, height: 720 } },
  { id: "narrow", colorScheme: "light", viewport: { width: 720, height: 480 } },
  // The default window at 200% zoom (webview zoom halves the CSS viewport, doubles the pixels).
  {
    id: "zoom200",
    colorScheme: "light",
    viewport: { width: 550, height: 360 },
    deviceScaleFactor: 2,
  },
  // The minimum window (720x480) at 200% zoom.
  {
    id: "zoom200-min",
    colorScheme: "light",
    viewport: { width: 360, height: 240 },
    deviceScaleFactor: 2,
  },
  // Spanish, in the default window and at 200% zoom.
  { id: "es", lang: "es", colorScheme: "light", viewport: { width: 1100, height: 720 } },
  {
    id: "es-zoom200",
    lang: "es",
    colorScheme: "light",
    viewport: { width: 550, height: 360 },
    deviceScaleFactor: 2,
  },
];

const args = process.argv.slice(2);
const wanted = args.filter((a) => a.startsWith("--variant=")).map((a) => a.slice(10));
const filters = args.filter((a) => !a.startsWith("--"));
const scenarios = filters.length
  ? SCENARIOS.filter((s) => filters.some((f) => s.name.includes(f)))
  : SCENARIOS;
const variants = wanted.length ? VARIANTS.filter((v) => wanted.includes(v.id)) : VARIANTS;
if (!variants.length) {
  console.error(`No such variant: ${wanted.join(", ")} (${VARIANTS.map((v) => v.id).join(", ")})`);
  process.exit(2);
}

const script = await mockScript(root);
const server = await preview({
  root,
  logLevel: "silent",
  preview: { port: 4179, strictPort: false, open: false },
});
const base = (server.resolvedUrls?.local[0] ?? "http://localhost:4179/").replace(/\/$/, "");
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });

let failures = 0;
const started = Date.now();
try {
  for (const scenario of scenarios) {
    for (const variant of variants) {
      const label = `${scenario.name} [${variant.id}]`;
      const context = await browser.newContext({
        colorScheme: variant.colorScheme,
        viewport: variant.viewport,
        deviceScaleFactor: variant.deviceScaleFactor ?? 1,
        reducedMotion: "reduce",
        locale: variant.lang === "es" ? "es-ES" : "en-US",
        timezoneId: "Europe/Madrid",
      });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.addInitScript(
        `window.__ZD_FAKE__ = ${JSON.stringify({
          zone: "Europe/Madrid",
          ...(variant.lang ? { language: variant.lang } : {}),
          ...scenario.fake,
        })};\n${script}`,
      );
      try {
        await page.goto(`${base}/${scenario.query}`);
        await page.waitForSelector('html[data-ready="true"]');
        await page.getByTestId(scenario.wait).first().waitFor({ timeout: 5000 });
        /** The variant's words: `say(english, spanish)`. */
        const say = (english, spanish) => (variant.lang === "es" ? spanish : english);
        if (scenario.act) await scenario.act(page, say);
        // Let debounced previews and transitions settle.
        await page.waitForTimeout(350);
        await page.screenshot({
          path: join(out, `${scenario.name}-${variant.id}.png`),
          fullPage: false,
        });
        const result = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
          .analyze();
        if (scenario.name.endsWith("-hostile")) {
          const injected = await page.locator("img[src='x']").count();
          if (injected) errors.push("the hostile topic was rendered as HTML");
        }
        // Nothing may push the page sideways, nor make the main column or the sidebar (which
        // scroll on their own) scroll sideways: only lists meant to scroll may.
        const overflow = await page.evaluate(() => {
          const name = (el) => {
            const id = el.getAttribute("data-testid");
            const cls = typeof el.className === "string" ? el.className.split(" ")[0] : "";
            return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ""}${cls ? `.${cls}` : ""}`;
          };
          const boxes = [
            [document.documentElement, window.innerWidth],
            ...[...document.querySelectorAll("main, aside")].map((el) => [el, el.clientWidth]),
          ];
          for (const [box, width] of boxes) {
            if (box.scrollWidth <= width + 1) continue;
            const right = box.getBoundingClientRect().left + width;
            // The innermost elements sticking out are the culprits.
            const wide = [...box.querySelectorAll("*")]
              .filter((el) => el.getBoundingClientRect().right > right + 1)
              .filter(
                (el) => ![...el.children].some((c) => c.getBoundingClientRect().right > right + 1),
              )
              .slice(0, 4)
              .map(name);
            return `${name(box)} scrollWidth ${box.scrollWidth} > ${width}: ${wide.join(", ")}`;
          }
          return null;
        });
        if (overflow) errors.push(`horizontal overflow: ${overflow}`);
        // No words cut off: a button's, link's, label's or heading's text clipped by its own box
        // (overflow hidden or an ellipsis), sideways or below. Visually hidden text (1px boxes)
        // and user content marked to truncate (data-truncate, e.g. a long topic) are left out.
        const clipped = await page.evaluate(() => {
          const LABELS =
            "button, a, label, legend, summary, th, h1, h2, h3, [role=button], [role=tab]";
          const found = [];
          for (const el of document.querySelectorAll("body *")) {
            const cs = getComputedStyle(el);
            const ellipsis = cs.textOverflow === "ellipsis";
            const hidesX = ["hidden", "clip"].includes(cs.overflowX);
            const hidesY = ["hidden", "clip"].includes(cs.overflowY);
            if (!ellipsis && !hidesX && !hidesY) continue;
            if (!ellipsis && !el.closest(LABELS)) continue;
            if (el.closest("[data-truncate]")) continue;
            if (el.clientWidth <= 2 || el.clientHeight <= 2) continue;
            if (cs.display === "none" || cs.visibility === "hidden") continue;
            if (!el.textContent?.trim()) continue;
            const wide = (ellipsis || hidesX) && el.scrollWidth > el.clientWidth + 1;
            const tall = hidesY && el.scrollHeight > el.clientHeight + 1;
            if (!wide && !tall) continue;
            const id = el.getAttribute("data-testid");
            const cls = typeof el.className === "string" ? el.className.split(" ")[0] : "";
            const text = el.textContent.trim().replace(/\s+/g, " ").slice(0, 40);
            found.push(
              `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ""}${cls ? `.${cls}` : ""} "${text}" ` +
                (wide
                  ? `${el.scrollWidth} > ${el.clientWidth} wide`
                  : `${el.scrollHeight} > ${el.clientHeight} tall`),
            );
          }
          return found.slice(0, 4);
        });
        for (const c of clipped) errors.push(`clipped text: ${c}`);
        const violations = result.violations;
        if (violations.length || errors.length) {
          failures++;
          console.log(`✗ ${label}`);
          for (const v of violations) {
            console.log(`    axe ${v.id} (${v.impact}): ${v.help}`);
            for (const n of v.nodes.slice(0, 3))
              console.log(
                `      ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1] ?? ""}`,
              );
          }
          for (const e of errors) console.log(`    page error: ${e}`);
        } else {
          console.log(`✓ ${label}`);
        }
      } catch (e) {
        failures++;
        console.log(`✗ ${label}: ${e instanceof Error ? e.message.split("\n")[0] : e}`);
        await page
          .screenshot({ path: join(out, `${scenario.name}-${variant.id}-failed.png`) })
          .catch(() => {});
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}

const total = scenarios.length * variants.length;
console.log(`\n${total - failures} passed, ${failures} failed`);
console.log(`screenshots: ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failures ? 1 : 0);
