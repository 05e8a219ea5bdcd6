import { get } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";
import {
  dayHeading,
  formatDuration,
  formatList,
  formatTime as time,
  formatWeekRange as weekRange,
} from "../format";
import { en, type Catalog, type MessageKey } from "./en";
import { es } from "./es";
import { language, locale, setLanguage, t } from "./index";

// Every UI source file as text (tests, the catalog itself and generated bindings left out).
const files = import.meta.glob<string>(
  [
    "/src/**/*.{ts,svelte}",
    "!/src/**/*.test.ts",
    "!/src/lib/i18n/en.ts",
    "!/src/lib/i18n/es.ts",
    "!/src/lib/bindings/**",
  ],
  { query: "?raw", import: "default", eager: true },
);

describe("t()", () => {
  it("returns plain messages", () => {
    expect(t("nav.week")).toBe("This week");
  });

  it("interpolates {placeholders}", () => {
    expect(t("status.signedInAs", { name: "Ana" })).toBe("Signed in as Ana");
    expect(t("shell.shortcutHint", { label: "Recordings", shortcut: "Ctrl+4" })).toBe(
      "Recordings (Ctrl+4)",
    );
    expect(t("status.syncedAgo", { age: "5 minutes ago" })).toBe("Synced 5 minutes ago");
  });

  it("inserts values as text, once: braces or markup in a value are not re-read", () => {
    expect(t("status.signedInAs", { name: "{name} <b>x</b>" })).toBe(
      "Signed in as {name} <b>x</b>",
    );
  });

  it("is typed: unknown keys and missing params do not compile", () => {
    // @ts-expect-error unknown key
    expect(() => t("no.such.key")).not.toThrow();
    // @ts-expect-error a message with {name} needs its params
    t("status.signedInAs");
    // @ts-expect-error wrong param name
    t("status.signedInAs", { nom: "Ana" });
    // A second language must define every key (type-level check).
    const es: Catalog = { ...en };
    expect(Object.keys(es)).toHaveLength(Object.keys(en).length);
  });
});

describe("catalog", () => {
  it("has no empty messages", () => {
    for (const [key, message] of Object.entries(en)) {
      expect(message.trim(), key).not.toBe("");
    }
  });

  it("every key is used somewhere in the UI", () => {
    expect(Object.keys(files).length).toBeGreaterThan(10);
    const code = Object.values(files).join("\n");
    // `backend.*` keys are named by the backend (checked both ways by core's tests/catalog.rs).
    // A plural variant (`key_one`) is used where its key is.
    const unused = (Object.keys(en) as MessageKey[])
      .map((key) => key.replace(/_one$/, ""))
      .filter((key) => !key.startsWith("backend.") && !code.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });

  it("no component renders raw HTML", () => {
    const offenders = Object.keys(files).filter((f) => files[f]?.includes("{@html"));
    expect(offenders).toEqual([]);
  });
});

/** `{placeholders}` of a message, sorted. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}

/**
 * Spanish messages that are rightly the same as the English ones: names, numbers and
 * units, and formats made only of placeholders.
 */
const SAME_IN_SPANISH = new Set([
  "Zoomdesk",
  "Zoom",
  "ID",
  "Chat",
  "Linux",
  "macOS",
  "Windows",
  "English",
  "Español",
  "{m} min",
  "{h} h",
  "{h} h {m} min",
  "{n} B",
  "{n} KB",
  "{n} MB",
  "{n} GB",
  "{s} s",
  "{speed}/s",
]);

describe("Spanish catalog", () => {
  const keys = Object.keys(en) as MessageKey[];

  it("has exactly the keys of the English one", () => {
    expect(Object.keys(es).sort()).toEqual([...keys].sort());
  });

  it("uses the same {placeholders} in every message", () => {
    const differ = keys.filter(
      (key) => placeholders(es[key]).join() !== placeholders(en[key]).join(),
    );
    expect(differ).toEqual([]);
  });

  it("plural variants (key_one) have a base key and its placeholders", () => {
    for (const key of keys.filter((k) => k.endsWith("_one"))) {
      const base = key.replace(/_one$/, "") as MessageKey;
      expect(Object.hasOwn(en, base), key).toBe(true);
      expect(en[base], key).toContain("{count}");
      for (const catalog of [en, es]) {
        const names = placeholders(catalog[key]);
        expect(
          names.every((n) => placeholders(catalog[base]).includes(n)),
          key,
        ).toBe(true);
      }
    }
  });

  it("translates every message (no empty ones, no English left but names and formats)", () => {
    const empty = keys.filter((key) => !es[key].trim());
    expect(empty).toEqual([]);
    const english = keys.filter((key) => {
      if (es[key] !== en[key]) return false;
      // Placeholders and punctuation only ("{label} ({shortcut})").
      if (!/\p{L}/u.test(es[key].replace(/\{\w+\}/g, ""))) return false;
      return !SAME_IN_SPANISH.has(es[key]);
    });
    expect(english).toEqual([]);
  });

  it("speaks tú, not usted", () => {
    const usted = keys.filter((key) => /\busted(es)?\b|\bsu cuenta\b/i.test(es[key]));
    expect(usted).toEqual([]);
  });
});

describe("language switching", () => {
  afterEach(() => setLanguage("en"));

  it("switches the catalog, the Intl locale, <html lang> and the store", () => {
    setLanguage("es");
    expect(get(language)).toBe("es");
    expect(locale()).toBe("es");
    expect(document.documentElement.lang).toBe("es");
    expect(t("nav.week")).toBe("Esta semana");
    expect(t("status.signedInAs", { name: "Ana" })).toBe("Sesión iniciada como Ana");
    setLanguage("en");
    expect(get(language)).toBe("en");
    expect(document.documentElement.lang).toBe("en");
    expect(t("nav.week")).toBe("This week");
  });

  it("ignores languages it has no catalog for", () => {
    setLanguage("es");
    setLanguage("fr");
    expect(get(language)).toBe("es");
  });

  it("picks the one/other form by the language's plural rules", () => {
    expect(t("week.count", { count: 1 })).toBe("1 meeting shown");
    expect(t("week.count", { count: 0 })).toBe("0 meetings shown");
    expect(t("week.count", { count: 3 })).toBe("3 meetings shown");
    setLanguage("es");
    expect(t("week.count", { count: 1 })).toBe("Se muestra 1 reunión");
    expect(t("week.count", { count: 0 })).toBe("Se muestran 0 reuniones");
    expect(t("recordings.count", { count: 2 })).toBe("Se muestran 2 grabaciones");
    expect(t("recurrence.endCount", { rule: "Todos los días", count: 1 })).toBe(
      "Todos los días, 1 vez",
    );
  });

  it("formats dates, times, lists and durations in the language in use", () => {
    // Intl's narrow and thin spaces read as spaces here.
    const formatWeekRange = (day: Date) => weekRange(day).replace(/\s/g, " ");
    const formatTime = (ms: number, zone: string) => time(ms, zone).replace(/\s/g, " ");
    const at = Date.UTC(2026, 10, 25, 14, 30);
    expect(formatTime(at, "UTC")).toBe("2:30 PM");
    expect(formatList(["Monday", "Wednesday"])).toBe("Monday and Wednesday");
    expect(formatWeekRange(new Date(2026, 10, 25))).toBe("November 23 – 29");
    setLanguage("es");
    expect(formatTime(at, "UTC")).toBe("14:30");
    expect(formatList(["lunes", "miércoles"])).toBe("lunes y miércoles");
    expect(formatWeekRange(new Date(2026, 10, 25))).toBe("23–29 de noviembre");
    expect(dayHeading("2026-11-25", "2026-11-01")).toBe("Miércoles, 25 de noviembre");
    expect(dayHeading("2026-11-02", "2026-11-01")).toBe("Mañana");
    expect(formatDuration(90)).toBe("1 h 30 min");
  });
});
